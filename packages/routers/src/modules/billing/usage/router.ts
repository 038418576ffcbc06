import { rest } from '../../../lib/openapi';
import { adminProcedure, authedProcedure, router } from '../../../trpc';
import {
  ZUsageCheckInput,
  ZUsageCheckOutput,
  ZUsageProductInput,
  ZUsageProductOutput,
  ZUsageRecordInput,
  ZUsageRecordOutput,
  ZUsageSummary,
  ZUsageSummaryInput,
} from './schema';

const tag = 'usage';

export const usageRouter = router({
  record: authedProcedure
    .meta(
      rest('POST', '/usage', {
        tag,
        summary: 'Record usage of a metric, idempotent on the idempotency key',
        description:
          "Counts against the plan's quota for the metric: over quota answers 429 naming the metric, the limit " +
          'and the reset time (also as `quota.*` fields). A retry with the same key counts once and answers the ' +
          'first result. Admins may record for another user with `userId`.',
      }),
    )
    .input(ZUsageRecordInput)
    .output(ZUsageRecordOutput)
    .mutation(({ ctx, input }) => ctx.services.billing.usage.record(ctx.productId, ctx.principal, input)),
  check: authedProcedure
    .meta(
      rest('GET', '/usage/check', { tag, summary: 'Would this much more usage of a metric fit the quota?' }),
    )
    .input(ZUsageCheckInput)
    .output(ZUsageCheckOutput)
    .query(({ ctx, input }) => ctx.services.billing.usage.check(ctx.productId, ctx.principal, input)),
  getMine: authedProcedure
    .meta(
      rest('GET', '/usage/me', { tag, summary: 'Your usage per metric: used, limit, period and reset time' }),
    )
    .output(ZUsageSummary)
    .query(({ ctx }) => ctx.services.billing.usage.summary(ctx.productId, ctx.principal.userId)),
  get: adminProcedure
    .meta(
      rest('GET', '/usage/users/{userId}', { tag, summary: "A user's usage per metric and closed months" }),
    )
    .input(ZUsageSummaryInput)
    .output(ZUsageSummary)
    .query(({ ctx, input }) => ctx.services.billing.usage.summary(ctx.productId, input.userId)),
  stats: adminProcedure
    .meta(
      rest('GET', '/usage/product', {
        tag,
        summary: 'Product-wide usage per day and metric (default 30 days)',
      }),
    )
    .input(ZUsageProductInput.optional())
    .output(ZUsageProductOutput)
    .query(({ ctx, input }) => ctx.services.billing.usage.product(ctx.productId, input ?? {})),
});
