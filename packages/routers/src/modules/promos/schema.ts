import { z } from 'zod';

/** Stripe's charset (letters and digits); stored upper-case, since Stripe matches codes case-insensitively. */
export const ZPromoCodeText = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{3,32}$/, 'Use 3-32 letters or digits (A-Z, 0-9), no spaces or symbols');

export const ZPromoDuration = z.enum(['once', 'repeating', 'forever']);

/** What a code takes off, as Stripe's coupon says it. */
export const ZPromoDiscount = z.object({
  percentOff: z.number().nullable(),
  /** Minor units (cents). */
  amountOff: z.number().int().nullable(),
  currency: z.string().nullable(),
  duration: ZPromoDuration,
  durationInMonths: z.number().int().nullable(),
});
export type TPromoDiscount = z.infer<typeof ZPromoDiscount>;

/** One promo code: a Stripe promotion code and its coupon, read back from Stripe (nothing is stored here). */
export const ZPromo = ZPromoDiscount.extend({
  /** The Stripe promotion code id (`promo_...`). */
  id: z.string(),
  code: z.string(),
  couponId: z.string(),
  active: z.boolean(),
  maxRedemptions: z.number().int().nullable(),
  /** Stripe's `times_redeemed`. */
  timesRedeemed: z.number().int(),
  expiresAt: z.string().nullable(),
  firstTimeOnly: z.boolean(),
  /** Plan codes the code is limited to; empty = every plan. */
  plans: z.array(z.string()),
  createdAt: z.string(),
});
export type TPromo = z.infer<typeof ZPromo>;

const ZPlanCodeRef = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9-]{1,39}$/, 'Use a plan code (2-40 lowercase letters, digits or hyphens)');

export const ZPromoCreateInput = z
  .object({
    code: ZPromoCodeText,
    /** 1-100; exactly one of percentOff and amountOff. */
    percentOff: z.number().min(1, 'Use 1 to 100').max(100, 'Use 1 to 100').optional(),
    /** Minor units (cents), with currency. */
    amountOff: z.number().int().min(1).max(100_000_000).optional(),
    currency: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z]{3}$/, 'Use a 3-letter ISO currency code')
      .optional(),
    duration: ZPromoDuration.default('once'),
    /** Required with duration `repeating`, and only then. */
    durationInMonths: z.number().int().min(1).max(36).optional(),
    maxRedemptions: z.number().int().min(1).max(1_000_000).optional(),
    /** ISO 8601; must lie in the future. */
    expiresAt: z.iso.datetime({ offset: true }).optional(),
    firstTimeOnly: z.boolean().default(false),
    plans: z.array(ZPlanCodeRef).max(20).default([]),
  })
  .superRefine((input, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (input.percentOff !== undefined && input.amountOff !== undefined) {
      issue('amountOff', 'Set percentOff or amountOff, not both');
    }
    if (input.percentOff === undefined && input.amountOff === undefined) {
      issue('percentOff', 'Set percentOff (1-100) or amountOff with a currency');
    }
    if (input.amountOff !== undefined && input.currency === undefined) {
      issue('currency', 'An amount off needs its currency');
    }
    if (input.amountOff === undefined && input.currency !== undefined) {
      issue('currency', 'A currency goes with amountOff only');
    }
    if (input.duration === 'repeating' && input.durationInMonths === undefined) {
      issue('durationInMonths', 'A repeating discount needs its number of months');
    }
    if (input.duration !== 'repeating' && input.durationInMonths !== undefined) {
      issue('durationInMonths', 'Only a repeating discount takes a number of months');
    }
  });
export type TPromoCreateInput = z.infer<typeof ZPromoCreateInput>;

export const ZPromoListInput = z
  .object({
    active: z.boolean().optional(),
    limit: z.number().int().min(1).max(100).default(20),
    /** The `nextCursor` of the page before (a Stripe promotion code id). */
    cursor: z.string().max(255).optional(),
  })
  .optional();
export const ZPromoListOutput = z.object({ items: z.array(ZPromo), nextCursor: z.string().nullable() });

export const ZPromoIdInput = z.object({
  id: z
    .string()
    .trim()
    .regex(/^promo_\w{1,200}$/, 'Use a promo_... id'),
});

export const ZPromoRefusal = z.enum([
  'not_found',
  'inactive',
  'expired',
  'exhausted',
  'wrong_plan',
  'not_first_time',
]);
export type TPromoRefusal = z.infer<typeof ZPromoRefusal>;

export const ZPromoValidateInput = z.object({
  code: ZPromoCodeText,
  /** The plan being bought; default the caller's current plan. */
  planCode: ZPlanCodeRef.optional(),
});
export type TPromoValidateInput = z.infer<typeof ZPromoValidateInput>;

export const ZPromoValidateOutput = z.object({
  code: z.string(),
  valid: z.boolean(),
  /** Why it does not apply; null when it does. */
  reason: ZPromoRefusal.nullable(),
  message: z.string().nullable(),
  planCode: z.string(),
  discount: ZPromoDiscount.nullable(),
});
export type TPromoValidateOutput = z.infer<typeof ZPromoValidateOutput>;

export const ZPromoRedeemInput = z.object({ code: ZPromoCodeText });
export const ZPromoRedeemOutput = z.object({
  code: z.string(),
  promoId: z.string(),
  stripeSubscriptionId: z.string(),
  discount: ZPromoDiscount,
});
