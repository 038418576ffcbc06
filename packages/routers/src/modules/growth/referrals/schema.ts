import { z } from 'zod';

export const REFERRAL_STATUSES = ['pending', 'signed_up', 'converted'] as const;
export const ZReferralStatus = z.enum(REFERRAL_STATUSES);
export type TReferralStatus = z.infer<typeof ZReferralStatus>;

export const ZReferral = z.object({
  id: z.string(),
  productId: z.string(),
  code: z.string(),
  referrerId: z.string(),
  /** The referred user, once they signed up and claimed the code. */
  referredId: z.string().nullable(),
  email: z.string().nullable(),
  source: z.string().nullable(),
  status: ZReferralStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
  signedUpAt: z.string().nullable(),
  convertedAt: z.string().nullable(),
});
export type TReferral = z.infer<typeof ZReferral>;

export const ZReferralCodeInput = z.string().trim().min(4).max(32);

export const ZMyLinkInput = z.object({
  /** The page the share link should open (e.g. the product's sign-up page); default a relative /join. */
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .optional(),
});
export const ZMyLinkOutput = z.object({ code: z.string(), shareUrl: z.string() });

export const ZReferralCounts = z.object({
  pending: z.number().int(),
  signedUp: z.number().int(),
  converted: z.number().int(),
  total: z.number().int(),
});
export type TReferralCounts = z.infer<typeof ZReferralCounts>;

export const ZTrackInput = z.object({
  code: ZReferralCodeInput,
  email: z.email().max(254).optional(),
  source: z.string().trim().min(1).max(64).optional(),
});
export type TTrackInput = z.infer<typeof ZTrackInput>;
export const ZTrackOutput = z.object({ referralId: z.string(), status: ZReferralStatus });

export const ZClaimInput = z.object({ code: ZReferralCodeInput });

export const ZReferralListInput = z.object({
  status: ZReferralStatus.optional(),
  referrerId: z.string().trim().min(1).max(128).optional(),
  limit: z.number().int().min(1).max(100).optional(),
  cursor: z.string().max(2000).optional(),
});
export type TReferralListInput = z.infer<typeof ZReferralListInput>;
export const ZReferralListOutput = z.object({
  items: z.array(ZReferral),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});

export const ZTopReferrer = z.object({
  userId: z.string(),
  code: z.string(),
  signups: z.number().int(),
  conversions: z.number().int(),
});
export const ZReferralProductStats = ZReferralCounts.extend({
  /** converted / (signed_up + converted); 0 when nobody signed up. */
  conversionRate: z.number(),
  topReferrers: z.array(ZTopReferrer),
});
