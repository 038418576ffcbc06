import { z } from 'zod';
import { ZEmail } from '../../users/schema';

/** Stored statuses are active and revoked; expired and exhausted are derived from expiresAt and uses. */
export const INVITATION_STATUSES = ['active', 'expired', 'exhausted', 'revoked'] as const;
export const ZInvitationStatus = z.enum(INVITATION_STATUSES);
export type TInvitationStatus = z.infer<typeof ZInvitationStatus>;

export const ZInvitationCode = z
  .string()
  .trim()
  .min(4)
  .max(32)
  .regex(/^[A-Za-z0-9_-]+$/, 'Use letters, digits, dashes or underscores');

export const ZInvitation = z.object({
  id: z.string(),
  productId: z.string(),
  code: z.string(),
  maxUses: z.number().int(),
  uses: z.number().int(),
  status: ZInvitationStatus,
  expiresAt: z.string().nullable(),
  note: z.string(),
  /** Set when the code was issued to a waitlist entry. */
  waitlistEntryId: z.string().nullable(),
  email: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type TInvitation = z.infer<typeof ZInvitation>;

export const ZRedemption = z.object({
  id: z.string(),
  invitationId: z.string(),
  userId: z.string(),
  email: z.string(),
  redeemedAt: z.string(),
});
export type TRedemption = z.infer<typeof ZRedemption>;

export const ZInvitationDetail = ZInvitation.extend({ redemptions: z.array(ZRedemption) });

export const ZInvitationCreateInput = z.object({
  /** Omitted: a random 10-symbol code. Stored upper-case; codes are matched case-insensitively. */
  code: ZInvitationCode.optional(),
  maxUses: z.number().int().min(1).max(100_000).default(1),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  note: z.string().trim().max(500).optional(),
  /** Someone to mail the invitation to (the invitation template); omitted: the code is shared by hand. */
  email: ZEmail.optional(),
});
export type TInvitationCreateInput = z.input<typeof ZInvitationCreateInput>;

export const ZInvitationListInput = z.object({
  status: ZInvitationStatus.optional(),
  limit: z.number().int().min(1).max(100).optional(),
  cursor: z.string().max(2000).optional(),
});
export type TInvitationListInput = z.infer<typeof ZInvitationListInput>;

export const ZInvitationListOutput = z.object({
  items: z.array(ZInvitation),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});

export const ZCodeInput = z.object({ code: z.string().trim().min(1).max(64) });

export const ZValidateReason = z.enum(['ok', 'unknown', 'expired', 'exhausted', 'revoked']);
export const ZInvitationValidateOutput = z.object({
  valid: z.boolean(),
  reason: ZValidateReason,
  expiresAt: z.string().nullable(),
  remainingUses: z.number().int().nullable(),
});
export type TInvitationValidateOutput = z.infer<typeof ZInvitationValidateOutput>;

export const ZRedeemOutput = z.object({
  invitationId: z.string(),
  redemptionId: z.string(),
  redeemedAt: z.string(),
  remainingUses: z.number().int(),
});
