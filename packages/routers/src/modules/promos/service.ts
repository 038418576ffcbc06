import { createHash } from 'node:crypto';
import type { Clock } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import type { BillingService } from '../billing/module';
import type { TSubscription } from '../billing/subscriptions/schema';
import { type PromoGateway, productOf, promoFromStripe } from './gateway';
import { discountOf, REFUSAL_MESSAGES, refusalOf } from './rules';
import type { TPromo, TPromoCreateInput, TPromoValidateInput, TPromoValidateOutput } from './schema';

export type PromosNeeds = { billing: BillingService };

/** Stripe pages of 100 looked through per list call at most, so one call stays a bounded number of requests. */
const MAX_PAGES_PER_LIST = 5;
const EPOCH = '1970-01-01T00:00:00.000Z';

const sameOffer = (promo: TPromo, input: TPromoCreateInput) =>
  promo.percentOff === (input.percentOff ?? null) &&
  promo.amountOff === (input.amountOff ?? null) &&
  promo.currency === (input.currency ?? null) &&
  promo.duration === input.duration &&
  promo.durationInMonths === (input.durationInMonths ?? null) &&
  promo.maxRedemptions === (input.maxRedemptions ?? null) &&
  promo.firstTimeOnly === input.firstTimeOnly &&
  promo.plans.join(',') === input.plans.join(',') &&
  (promo.expiresAt === null ? input.expiresAt === undefined : input.expiresAt !== undefined) &&
  (input.expiresAt === undefined || Date.parse(input.expiresAt) === Date.parse(promo.expiresAt ?? ''));

/**
 * Promo codes live in Stripe (a coupon and a promotion code each; the product, the plans and the author in the
 * promotion code's metadata), so there is nothing to store here: a code is read back from Stripe whenever it
 * is judged, and Stripe's `times_redeemed` is the redemption count. Events follow Stripe's answer (`emit`),
 * since the change they report is Stripe's, not a write of ours.
 */
export const createPromosService = (deps: {
  gateway: PromoGateway;
  clock: Clock;
  bus: EventBus;
  needs: PromosNeeds;
}) => {
  const { gateway, clock, bus, needs } = deps;

  /** The product's promo code with this code: the active one if any, else the newest. */
  const findCode = async (productId: string, code: string): Promise<TPromo | undefined> => {
    const found = (await gateway.findByCode(code)).filter((p) => productOf(p) === productId);
    const chosen = found.find((p) => p.active) ?? found[0];
    return chosen ? promoFromStripe(chosen) : undefined;
  };

  const hasPaid = (subscription: TSubscription) => () => needs.billing.stripe.paidSince(subscription, EPOCH);

  const judge = async (productId: string, userId: string, input: TPromoValidateInput) => {
    const { subscription } = await needs.billing.subscriptions.me(productId, userId);
    const planCode = input.planCode ?? subscription.planCode;
    const promo = await findCode(productId, input.code);
    const reason = promo
      ? await refusalOf(promo, { now: clock(), planCode, hasPaid: hasPaid(subscription) })
      : 'not_found';
    return { promo, reason, planCode, subscription };
  };

  const get = async (productId: string, id: string): Promise<TPromo> => {
    const found = await gateway.retrieve(id);
    if (!found || productOf(found) !== productId) throw new AppError('NOT_FOUND', 'No such promo code');
    return promoFromStripe(found);
  };

  const refuse = (reason: keyof typeof REFUSAL_MESSAGES, message = REFUSAL_MESSAGES[reason]) =>
    new AppError('UNPROCESSABLE', message, { reason, fields: [{ path: 'code', message }] });

  return {
    async create(productId: string, input: TPromoCreateInput, actorId: string): Promise<TPromo> {
      if (input.expiresAt && Date.parse(input.expiresAt) <= clock()) {
        throw new AppError('VALIDATION', 'expiresAt must lie in the future', {
          fields: [{ path: 'expiresAt', message: 'Use a time in the future' }],
        });
      }
      for (const [index, plan] of input.plans.entries()) {
        if (!(await needs.billing.plans.find(productId, plan))) {
          const message = `No plan '${plan}' in this product`;
          throw new AppError('VALIDATION', message, { fields: [{ path: `plans.${index}`, message }] });
        }
      }
      const existing = await gateway.findByCode(input.code);
      const active = existing.find((p) => p.active);
      if (active) {
        const promo = promoFromStripe(active);
        // The same request sent again (after a lost answer) gets the code it made, not a conflict.
        if (productOf(active) === productId && sameOffer(promo, input)) return promo;
        const message = `An active promo code ${input.code} exists already`;
        throw new AppError('CONFLICT', message, { fields: [{ path: 'code', message }] });
      }
      // Keyed on the request and on the inactive codes before it: a retry replays at Stripe, while making the
      // code again after deactivating it is a new request.
      const key = createHash('sha256')
        .update(JSON.stringify([productId, input, existing.length]))
        .digest('hex')
        .slice(0, 40);
      const promo = promoFromStripe(await gateway.create(productId, input, `promo-create:${key}`, actorId));
      await bus.emit(
        'promo.created',
        {
          promoId: promo.id,
          code: promo.code,
          couponId: promo.couponId,
          ...discountOf(promo),
          maxRedemptions: promo.maxRedemptions,
          expiresAt: promo.expiresAt,
          firstTimeOnly: promo.firstTimeOnly,
          plans: promo.plans,
        },
        { productId, actorId },
      );
      return promo;
    },

    /**
     * The product's codes, newest first. One Stripe account serves every product, so Stripe's pages are read
     * and filtered here: a page may hold fewer than `limit` codes while `nextCursor` says there is more.
     */
    async list(
      productId: string,
      input: { active?: boolean | undefined; limit: number; cursor?: string | undefined },
    ) {
      const items: TPromo[] = [];
      let cursor = input.cursor;
      for (let page = 0; page < MAX_PAGES_PER_LIST; page += 1) {
        const batch = await gateway.list({ active: input.active, startingAfter: cursor, limit: 100 });
        for (const promo of batch.data) {
          cursor = promo.id;
          if (productOf(promo) === productId) items.push(promoFromStripe(promo));
          if (items.length === input.limit) {
            const more = batch.has_more || promo !== batch.data.at(-1);
            return { items, nextCursor: more ? cursor : null };
          }
        }
        if (!batch.has_more) return { items, nextCursor: null };
      }
      return { items, nextCursor: cursor ?? null };
    },

    get,

    /** Switches the code off at Stripe (it stays, with its count); a code already off is answered as it is. */
    async deactivate(productId: string, id: string, actorId: string): Promise<TPromo> {
      const current = await get(productId, id);
      if (!current.active) return current;
      const promo = promoFromStripe(await gateway.deactivate(id));
      await bus.emit(
        'promo.deactivated',
        { promoId: promo.id, code: promo.code, timesRedeemed: promo.timesRedeemed },
        { productId, actorId },
      );
      return promo;
    },

    /** Whether the code applies to the caller on `planCode` (default their plan), and why not. Changes nothing. */
    async validate(
      productId: string,
      userId: string,
      input: TPromoValidateInput,
    ): Promise<TPromoValidateOutput> {
      const { promo, reason, planCode } = await judge(productId, userId, input);
      return {
        code: input.code,
        valid: reason === null,
        reason,
        message: reason ? REFUSAL_MESSAGES[reason] : null,
        planCode,
        discount: promo && reason === null ? discountOf(promo) : null,
      };
    },

    /**
     * What a Stripe Checkout Session takes as `discounts` for this code, once it applies to the user on the plan
     * being bought: the seam for whoever creates checkout sessions. Stripe counts the redemption when the
     * customer pays; a refusal here is a 422 whose `reason` says why.
     */
    async checkoutDiscounts(productId: string, userId: string, input: Required<TPromoValidateInput>) {
      const { promo, reason } = await judge(productId, userId, input);
      if (reason || !promo) throw refuse(reason ?? 'not_found');
      return [{ promotion_code: promo.id }];
    },

    /** Redeems the code on the caller's Stripe subscription, on their current plan. */
    async redeem(productId: string, userId: string, code: string) {
      const { promo, reason, planCode, subscription } = await judge(productId, userId, { code });
      if (reason || !promo) throw refuse(reason ?? 'not_found');
      const stripeSubscriptionId = subscription.stripeSubscriptionId;
      if (!stripeSubscriptionId) {
        throw new AppError(
          'CONFLICT',
          'Your subscription is not billed through Stripe yet; use the code at checkout',
          {
            reason: 'no_stripe_subscription',
          },
        );
      }
      const { refused } = await gateway.applyToSubscription(stripeSubscriptionId, promo.id);
      if (refused) {
        throw new AppError('UNPROCESSABLE', `Stripe refused the code: ${refused}`, {
          reason: 'refused_by_stripe',
          fields: [{ path: 'code', message: refused }],
        });
      }
      await bus.emit(
        'promo.redeemed',
        { promoId: promo.id, code: promo.code, userId, stripeSubscriptionId, plan: planCode },
        { productId, actorId: userId },
      );
      return { code: promo.code, promoId: promo.id, stripeSubscriptionId, discount: discountOf(promo) };
    },
  };
};

export type PromosService = ReturnType<typeof createPromosService>;
