import { rest } from '../../../lib/openapi';
import { adminProcedure, authedProcedure, router } from '../../../trpc';
import {
  ZCancelFields,
  ZCancelInput,
  ZChangePlanInput,
  ZSubscriptionListInput,
  ZSubscriptionListOutput,
  ZSubscriptionUserInput,
  ZSubscriptionView,
} from './schema';

const tag = 'subscriptions';
const targetType = 'subscription';

export const subscriptionsRouter = router({
  getMine: authedProcedure
    .meta(rest('GET', '/subscriptions/me', { tag, summary: "The caller's subscription and its plan" }))
    .output(ZSubscriptionView)
    .query(({ ctx }) => ctx.services.billing.subscriptions.me(ctx.productId, ctx.principal.userId)),
  list: adminProcedure
    .meta(rest('GET', '/subscriptions', { tag, summary: 'Subscriptions, filtered by status and plan' }))
    .input(ZSubscriptionListInput.optional())
    .output(ZSubscriptionListOutput)
    .query(({ ctx, input }) => ctx.services.billing.subscriptions.list(ctx.productId, input ?? {})),
  get: adminProcedure
    .meta(
      rest('GET', '/subscriptions/users/{userId}', {
        tag,
        summary: "A user's subscription with its history",
      }),
    )
    .input(ZSubscriptionUserInput)
    .output(ZSubscriptionView)
    .query(({ ctx, input }) => ctx.services.billing.subscriptions.get(ctx.productId, input.userId)),
  changePlan: adminProcedure
    .meta(
      rest('POST', '/subscriptions/users/{userId}/plan', {
        tag,
        summary: "Move a user's subscription to another plan (reactivates an ended one)",
        targetType,
      }),
    )
    .input(ZChangePlanInput)
    .output(ZSubscriptionView)
    .mutation(({ ctx, input }) =>
      ctx.services.billing.subscriptions.changePlan(ctx.productId, input, ctx.principal.userId),
    ),
  cancel: adminProcedure
    .meta(
      rest('POST', '/subscriptions/users/{userId}/cancel', {
        tag,
        summary: "Cancel a user's subscription, at the end of its period or now",
        targetType,
      }),
    )
    .input(ZCancelInput)
    .output(ZSubscriptionView)
    .mutation(({ ctx, input }) =>
      ctx.services.billing.subscriptions.cancel(ctx.productId, input.userId, input, ctx.principal.userId),
    ),
  cancelMine: authedProcedure
    .meta(
      rest('POST', '/subscriptions/me/cancel', {
        tag,
        summary: "Cancel the caller's own subscription, at the end of its period or now",
      }),
    )
    .input(ZCancelFields.optional())
    .output(ZSubscriptionView)
    .mutation(({ ctx, input }) =>
      ctx.services.billing.subscriptions.cancel(
        ctx.productId,
        ctx.principal.userId,
        ZCancelFields.parse(input ?? {}),
        ctx.principal.userId,
      ),
    ),
});
