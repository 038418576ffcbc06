import { z } from 'zod';

export const WAITLIST_STATUSES = ['waiting', 'invited', 'joined', 'removed'] as const;
export const ZWaitlistStatus = z.enum(WAITLIST_STATUSES);
export type TWaitlistStatus = z.infer<typeof ZWaitlistStatus>;

export const ZWaitlistEntry = z.object({
  id: z.string(),
  productId: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  /** 1-based, assigned once at join and never reused. */
  position: z.number().int(),
  status: ZWaitlistStatus,
  referralCode: z.string().nullable(),
  source: z.string().nullable(),
  note: z.string(),
  invitationId: z.string().nullable(),
  invitationCode: z.string().nullable(),
  userId: z.string().nullable(),
  invitedAt: z.string().nullable(),
  joinedAt: z.string().nullable(),
  removedAt: z.string().nullable(),
  /** Last time waitlist-reminder marked this entry for follow-up. */
  followUpAt: z.string().nullable(),
  followUps: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TWaitlistEntry = z.infer<typeof ZWaitlistEntry>;

const ZOptionalText = (max: number) => z.string().trim().min(1).max(max).optional();

export const ZJoinInput = z.object({
  email: z.email().max(254),
  name: ZOptionalText(100),
  referralCode: ZOptionalText(32),
  source: ZOptionalText(64),
});
export type TJoinInput = z.infer<typeof ZJoinInput>;

export const ZJoinOutput = z.object({
  id: z.string(),
  position: z.number().int(),
  status: ZWaitlistStatus,
  /** Looks the position up later; shown only on the first join (only its hash is kept). */
  token: z.string().nullable(),
  alreadyJoined: z.boolean(),
});

export const ZPositionInput = z.object({ token: z.string().trim().min(1).max(200) });
export const ZPositionOutput = z.object({
  position: z.number().int(),
  status: ZWaitlistStatus,
  /** Entries still waiting ahead of this one. */
  ahead: z.number().int(),
  totalWaiting: z.number().int(),
  joinedAt: z.string(),
});

export const WAITLIST_SORTS = ['position', 'createdAt'] as const;
export const ZWaitlistFilters = z.object({
  status: ZWaitlistStatus.optional(),
  /** Case-insensitive part of the email. */
  search: z.string().trim().min(1).max(254).optional(),
  createdFrom: z.iso.datetime({ offset: true }).optional(),
  createdTo: z.iso.datetime({ offset: true }).optional(),
});
export type TWaitlistFilters = z.infer<typeof ZWaitlistFilters>;

export const ZWaitlistListInput = ZWaitlistFilters.extend({
  sort: z.enum(WAITLIST_SORTS).optional(),
  direction: z.enum(['asc', 'desc']).optional(),
  limit: z.number().int().min(1).max(100).optional(),
  cursor: z.string().max(2000).optional(),
});
export type TWaitlistListInput = z.infer<typeof ZWaitlistListInput>;
export const ZWaitlistListOutput = z.object({
  items: z.array(ZWaitlistEntry),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});

export const ZWaitlistUpdateInput = z.object({
  id: z.string().min(1).max(128),
  name: z.string().trim().max(100).nullable().optional(),
  note: z.string().trim().max(1000).optional(),
  /** Only between waiting and removed; invitations move entries forward. */
  status: z.enum(['waiting', 'removed']).optional(),
});
export type TWaitlistUpdateInput = z.infer<typeof ZWaitlistUpdateInput>;

export const ZInviteNextInput = z.object({ count: z.number().int().min(1).max(100) });
export const ZInviteInput = z.object({ ids: z.array(z.string().min(1).max(128)).min(1).max(100) });
export const ZInviteOutput = z.object({
  invited: z.array(ZWaitlistEntry),
  /** Ids that were not waiting (already invited, joined or removed) or not found. */
  skipped: z.array(z.string()),
});

export const ZWaitlistStats = z.object({
  waiting: z.number().int(),
  invited: z.number().int(),
  joined: z.number().int(),
  removed: z.number().int(),
  total: z.number().int(),
  /** joined / (invited + joined); 0 before anyone was invited. */
  conversionRate: z.number(),
});
