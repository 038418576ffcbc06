import { z } from 'zod';
import { def, id } from './def';

const discount = {
  /** Percent off (1-100), or null when the code takes an amount off. */
  percentOff: z.number().nullable(),
  /** Minor units (cents) off, with its currency, or null when the code takes a percentage off. */
  amountOff: z.number().int().nullable(),
  currency: z.string().nullable(),
  duration: z.enum(['once', 'repeating', 'forever']),
  durationInMonths: z.number().int().nullable(),
};

/** Promo codes: Stripe promotion codes over coupons, made and switched off by admins, redeemed by users. */
export const PROMOS_EVENTS = {
  'promo.created': def({
    version: 1,
    public: true,
    description: 'An admin created a promo code (a Stripe promotion code over a new coupon).',
    payload: z.object({
      promoId: id,
      code: z.string(),
      couponId: id,
      ...discount,
      maxRedemptions: z.number().int().nullable(),
      expiresAt: z.string().nullable(),
      firstTimeOnly: z.boolean(),
      plans: z.array(z.string()),
    }),
    example: {
      promoId: 'promo_1QxT4sL2eZvKYlo2',
      code: 'SPRING25',
      couponId: 'Z4OV52SU',
      percentOff: 25,
      amountOff: null,
      currency: null,
      duration: 'repeating',
      durationInMonths: 3,
      maxRedemptions: 500,
      expiresAt: '2026-06-30T23:59:59.000Z',
      firstTimeOnly: false,
      plans: ['pro'],
    },
  }),
  'promo.redeemed': def({
    version: 1,
    public: true,
    description:
      'A user redeemed a promo code on their Stripe subscription; Stripe counts it in times_redeemed.',
    payload: z.object({
      promoId: id,
      code: z.string(),
      userId: id,
      stripeSubscriptionId: id,
      plan: z.string(),
    }),
    example: {
      promoId: 'promo_1QxT4sL2eZvKYlo2',
      code: 'SPRING25',
      userId: 'usr_8fK2mQ7xLpT3',
      stripeSubscriptionId: 'sub_1QxT9aL2eZvKYlo2',
      plan: 'pro',
    },
  }),
  'promo.deactivated': def({
    version: 1,
    public: true,
    description: 'An admin switched a promo code off; Stripe keeps it (active=false) and it redeems no more.',
    payload: z.object({ promoId: id, code: z.string(), timesRedeemed: z.number().int().min(0) }),
    example: { promoId: 'promo_1QxT4sL2eZvKYlo2', code: 'SPRING25', timesRedeemed: 42 },
  }),
};
