import type { TPromo, TPromoDiscount, TPromoRefusal } from './schema';

export const REFUSAL_MESSAGES: Record<TPromoRefusal, string> = {
  not_found: 'There is no such promo code',
  inactive: 'This promo code is no longer active',
  expired: 'This promo code has expired',
  exhausted: 'This promo code has been redeemed the most times it may be',
  wrong_plan: 'This promo code does not apply to this plan',
  not_first_time: 'This promo code is for first-time customers only',
};

/**
 * Why a code does not apply now, or null when it does. The order matters to the person reading the answer:
 * expired and exhausted come before inactive, because Stripe may switch an exhausted code off by itself and
 * "exhausted" says more than "inactive".
 */
export const refusalOf = async (
  promo: TPromo,
  at: { now: number; planCode: string; hasPaid: () => Promise<boolean> },
): Promise<TPromoRefusal | null> => {
  if (promo.expiresAt && Date.parse(promo.expiresAt) <= at.now) return 'expired';
  if (promo.maxRedemptions !== null && promo.timesRedeemed >= promo.maxRedemptions) return 'exhausted';
  if (!promo.active) return 'inactive';
  if (promo.plans.length > 0 && !promo.plans.includes(at.planCode)) return 'wrong_plan';
  if (promo.firstTimeOnly && (await at.hasPaid())) return 'not_first_time';
  return null;
};

export const discountOf = (promo: TPromo): TPromoDiscount => ({
  percentOff: promo.percentOff,
  amountOff: promo.amountOff,
  currency: promo.currency,
  duration: promo.duration,
  durationInMonths: promo.durationInMonths,
});
