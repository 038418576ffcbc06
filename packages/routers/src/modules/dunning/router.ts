import { rest } from '../../lib/openapi';
import { adminProcedure, router } from '../../trpc';
import {
  ZDunningCaseView,
  ZDunningGetInput,
  ZDunningListInput,
  ZDunningListOutput,
  ZDunningStatsInput,
  ZDunningStatsOutput,
} from './schema';

const tag = 'dunning';

/**
 * The console's view of dunning. Clients read their own state as the `dunning` banner of
 * `subscriptions.getMine` (GET /v1/subscriptions/me); the cases move only by Stripe's webhook and the daily job.
 */
export const dunningRouter = router({
  list: adminProcedure
    .meta(
      rest('GET', '/dunning/cases', {
        tag,
        summary: 'Dunning cases, newest first: open ones (stage started or final_warning) or one stage',
      }),
    )
    .input(ZDunningListInput.optional())
    .output(ZDunningListOutput)
    .query(({ ctx, input }) => ctx.services.dunning.list(ctx.productId, input ?? {})),
  get: adminProcedure
    .meta(
      rest('GET', '/dunning/cases/{invoiceId}', { tag, summary: 'One dunning case, by Stripe invoice id' }),
    )
    .input(ZDunningGetInput)
    .output(ZDunningCaseView)
    .query(({ ctx, input }) => ctx.services.dunning.get(ctx.productId, input.invoiceId)),
  stats: adminProcedure
    .meta(
      rest('GET', '/dunning/stats', {
        tag,
        summary: 'Cases by stage, and recovered revenue per day and currency over the last N days',
      }),
    )
    .input(ZDunningStatsInput.optional())
    .output(ZDunningStatsOutput)
    .query(({ ctx, input }) =>
      ctx.services.dunning.stats(ctx.productId, ZDunningStatsInput.parse(input ?? {}).days),
    ),
});
