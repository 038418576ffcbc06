import Stripe from 'stripe';
import { AppError } from '../../app-error';
import type { BillingConfig } from '../billing/config';
import { createStripeClient } from '../billing/stripe/client';
import type { TPromo, TPromoCreateInput } from './schema';

/** Stripe's parameter names, as the create input names them, so a refusal names the field the admin typed. */
const FIELD_OF_PARAM: Record<string, string> = {
  code: 'code',
  percent_off: 'percentOff',
  amount_off: 'amountOff',
  currency: 'currency',
  duration: 'duration',
  duration_in_months: 'durationInMonths',
  max_redemptions: 'maxRedemptions',
  expires_at: 'expiresAt',
};

const toIso = (seconds: number | null) => (seconds === null ? null : new Date(seconds * 1000).toISOString());

const couponOf = (promo: Stripe.PromotionCode): Stripe.Coupon => {
  const coupon = promo.promotion.coupon;
  if (!coupon || typeof coupon === 'string') {
    throw new AppError('INTERNAL', `Stripe answered promotion code ${promo.id} without its coupon expanded`);
  }
  return coupon;
};

/** A Stripe promotion code (coupon expanded) as the platform shows it; `plans` and the product are metadata. */
export const promoFromStripe = (promo: Stripe.PromotionCode): TPromo => {
  const coupon = couponOf(promo);
  const plans = promo.metadata?.plans ?? '';
  const durations: readonly TPromo['duration'][] = ['once', 'repeating', 'forever'];
  const duration = durations.find((d) => d === coupon.duration) ?? 'once';
  return {
    id: promo.id,
    code: promo.code,
    couponId: coupon.id,
    active: promo.active,
    percentOff: coupon.percent_off,
    amountOff: coupon.amount_off,
    currency: coupon.currency,
    duration,
    durationInMonths: coupon.duration_in_months,
    maxRedemptions: promo.max_redemptions,
    timesRedeemed: promo.times_redeemed,
    expiresAt: toIso(promo.expires_at),
    firstTimeOnly: promo.restrictions.first_time_transaction,
    plans: plans ? plans.split(',') : [],
    createdAt: new Date(promo.created * 1000).toISOString(),
  };
};

/** Which product a promotion code belongs to (one Stripe account serves every product). */
export const productOf = (promo: Stripe.PromotionCode): string | undefined => promo.metadata?.productId;

const unavailable = () =>
  new AppError('UNAVAILABLE', 'Stripe is not configured on this server (STRIPE_SECRET_KEY is not set)');

/**
 * The Stripe calls promo codes make, through the client billing uses. Every POST carries an idempotency key, so
 * a request sent again (a client retry after a timeout) changes nothing at Stripe twice. A refusal Stripe gives
 * about a parameter becomes a 400 naming our field; anything else Stripe says becomes a 503.
 */
export const createPromoGateway = (config: BillingConfig) => {
  const client = createStripeClient(config);
  const stripe = (): Stripe => {
    if (!client) throw unavailable();
    return client;
  };
  const call = async <T>(work: (s: Stripe) => Promise<T>): Promise<T> => {
    const s = stripe();
    try {
      return await work(s);
    } catch (error) {
      if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 400) {
        const param = error.param ?? '';
        const field = FIELD_OF_PARAM[param] ?? (param.startsWith('promotion') ? 'code' : undefined);
        if (field) {
          throw new AppError('VALIDATION', `Stripe refused ${field}: ${error.message}`, {
            fields: [{ path: field, message: error.message }],
            cause: error,
          });
        }
      }
      if (error instanceof Stripe.errors.StripeError) {
        throw new AppError('UNAVAILABLE', 'Stripe could not complete the request; try again shortly', {
          cause: error,
        });
      }
      throw error;
    }
  };

  return {
    /** A coupon, then a promotion code over it; `key` makes both idempotent. */
    async create(productId: string, input: TPromoCreateInput, key: string, actorId: string) {
      const coupon = await call((s) =>
        s.coupons.create(
          {
            name: input.code,
            duration: input.duration,
            ...(input.percentOff !== undefined ? { percent_off: input.percentOff } : {}),
            ...(input.amountOff !== undefined
              ? { amount_off: input.amountOff, currency: input.currency }
              : {}),
            ...(input.durationInMonths !== undefined ? { duration_in_months: input.durationInMonths } : {}),
            metadata: { productId },
          },
          { idempotencyKey: `${key}:coupon` },
        ),
      );
      return call((s) =>
        s.promotionCodes.create(
          {
            promotion: { type: 'coupon', coupon: coupon.id },
            code: input.code,
            ...(input.maxRedemptions !== undefined ? { max_redemptions: input.maxRedemptions } : {}),
            ...(input.expiresAt ? { expires_at: Math.floor(Date.parse(input.expiresAt) / 1000) } : {}),
            restrictions: { first_time_transaction: input.firstTimeOnly },
            metadata: { productId, plans: input.plans.join(','), createdBy: actorId },
            expand: ['promotion.coupon'],
          },
          { idempotencyKey: `${key}:promotion_code` },
        ),
      );
    },
    /** Promotion codes with this code (Stripe matches it case-insensitively), newest first. */
    async findByCode(code: string, active?: boolean) {
      const page = await call((s) =>
        s.promotionCodes.list({
          code,
          limit: 100,
          ...(active === undefined ? {} : { active }),
          expand: ['data.promotion.coupon'],
        }),
      );
      return page.data;
    },
    async list(opts: { active?: boolean | undefined; startingAfter?: string | undefined; limit: number }) {
      return call((s) =>
        s.promotionCodes.list({
          limit: opts.limit,
          ...(opts.active === undefined ? {} : { active: opts.active }),
          ...(opts.startingAfter ? { starting_after: opts.startingAfter } : {}),
          expand: ['data.promotion.coupon'],
        }),
      );
    },
    async retrieve(id: string): Promise<Stripe.PromotionCode | undefined> {
      try {
        return await stripe().promotionCodes.retrieve(id, { expand: ['promotion.coupon'] });
      } catch (error) {
        if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404)
          return undefined;
        return call(() => Promise.reject(error));
      }
    },
    deactivate: (id: string) =>
      call((s) =>
        s.promotionCodes.update(
          id,
          { active: false, expand: ['promotion.coupon'] },
          { idempotencyKey: `promo-deactivate:${id}` },
        ),
      ),
    /**
     * Redeems the code on a Stripe subscription (its discounts become this code's coupon). Stripe judges the
     * code again; its refusal comes back as `refused` rather than thrown, with Stripe's words.
     */
    async applyToSubscription(subscriptionId: string, promoId: string) {
      try {
        await stripe().subscriptions.update(
          subscriptionId,
          { discounts: [{ promotion_code: promoId }] },
          { idempotencyKey: `promo-redeem:${subscriptionId}:${promoId}` },
        );
        return { refused: null };
      } catch (error) {
        if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 400) {
          return { refused: error.message };
        }
        return call(() => Promise.reject(error));
      }
    },
  };
};

export type PromoGateway = ReturnType<typeof createPromoGateway>;
