import { rest } from '../../lib/openapi';
import { adminProcedure, authedProcedure, router } from '../../trpc';
import {
  ZPromo,
  ZPromoCreateInput,
  ZPromoIdInput,
  ZPromoListInput,
  ZPromoListOutput,
  ZPromoRedeemInput,
  ZPromoRedeemOutput,
  ZPromoValidateInput,
  ZPromoValidateOutput,
} from './schema';

const tag = 'promos';
const targetType = 'promo';

export const promosRouter = router({
  list: adminProcedure
    .meta(
      rest('GET', '/promos', {
        tag,
        summary: "The product's promo codes, newest first, with Stripe's redemption counts",
        description:
          'Read from Stripe on each call. A page may hold fewer than `limit` codes while `nextCursor` is set: one ' +
          'Stripe account serves every product, so its pages are filtered by product.',
      }),
    )
    .input(ZPromoListInput)
    .output(ZPromoListOutput)
    .query(({ ctx, input }) => ctx.services.promos.list(ctx.productId, input ?? { limit: 20 })),
  get: adminProcedure
    .meta(rest('GET', '/promos/{id}', { tag, summary: 'One promo code, read from Stripe' }))
    .input(ZPromoIdInput)
    .output(ZPromo)
    .query(({ ctx, input }) => ctx.services.promos.get(ctx.productId, input.id)),
  create: adminProcedure
    .meta(
      rest('POST', '/promos', {
        tag,
        targetType,
        summary: 'Create a promo code: a Stripe coupon and a promotion code over it',
        description:
          'percentOff (1-100) or amountOff with currency; duration once, repeating (with durationInMonths) or ' +
          'forever; optional maxRedemptions, expiresAt (in the future), firstTimeOnly and plans (plan codes it ' +
          'is limited to). Sending the same request again answers the code it made.',
      }),
    )
    .input(ZPromoCreateInput)
    .output(ZPromo)
    .mutation(({ ctx, input }) => ctx.services.promos.create(ctx.productId, input, ctx.principal.userId)),
  deactivate: adminProcedure
    .meta(
      rest('POST', '/promos/{id}/deactivate', {
        tag,
        targetType,
        summary: 'Switch a promo code off (Stripe keeps it, with its redemption count)',
      }),
    )
    .input(ZPromoIdInput)
    .output(ZPromo)
    .mutation(({ ctx, input }) =>
      ctx.services.promos.deactivate(ctx.productId, input.id, ctx.principal.userId),
    ),
  validate: authedProcedure
    .meta(
      rest('POST', '/promos/validate', {
        tag,
        summary: 'Whether a promo code applies to the caller, its discount, and why not',
        description:
          "planCode is the plan being bought (default the caller's current plan). `reason` is one of not_found, " +
          'inactive, expired, exhausted, wrong_plan, not_first_time. Changes nothing.',
      }),
    )
    .input(ZPromoValidateInput)
    .output(ZPromoValidateOutput)
    .mutation(({ ctx, input }) => ctx.services.promos.validate(ctx.productId, ctx.principal.userId, input)),
  redeem: authedProcedure
    .meta(
      rest('POST', '/promos/redeem', {
        tag,
        summary: "Redeem a promo code on the caller's Stripe subscription",
        description:
          'A code that does not apply answers 422 with `error.reason` as validate gives it; a subscription not ' +
          'billed through Stripe answers 409 `no_stripe_subscription` (use the code at checkout).',
      }),
    )
    .input(ZPromoRedeemInput)
    .output(ZPromoRedeemOutput)
    .mutation(({ ctx, input }) =>
      ctx.services.promos.redeem(ctx.productId, ctx.principal.userId, input.code),
    ),
});
