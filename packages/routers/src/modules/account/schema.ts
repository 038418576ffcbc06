import { z } from 'zod';
import { ZJobStatus } from '../exports/schema';
import { ZEmail, ZName, ZPassword, ZUser } from '../users/schema';

/** The current password, which every sensitive change asks for again. */
const ZCurrentPassword = z.string().min(1, 'Enter your current password').max(1024);

export const ZUpdateProfileInput = z.object({ name: ZName });
export const ZChangePasswordInput = z.object({ currentPassword: ZCurrentPassword, newPassword: ZPassword });
export type TChangePasswordInput = z.infer<typeof ZChangePasswordInput>;
export const ZRequestEmailChangeInput = z.object({ newEmail: ZEmail, password: ZCurrentPassword });
export type TRequestEmailChangeInput = z.infer<typeof ZRequestEmailChangeInput>;
export const ZConfirmEmailChangeInput = z.object({ token: z.string().trim().min(1).max(300) });
export const ZRequestDeletionInput = z.object({ password: ZCurrentPassword });

/** The signed-in user's own account: the profile, whether the address is verified, a scheduled deletion. */
export const ZAccountMine = ZUser.extend({
  /** When the account will be deleted; null when no deletion is scheduled. */
  deletionScheduledFor: z.string().nullable(),
});
export type TAccountMine = z.infer<typeof ZAccountMine>;

export const ZPasswordChanged = z.object({
  changed: z.literal(true),
  /** The caller's other sessions that were signed out. */
  revokedSessions: z.number().int(),
});
export const ZEmailChangeRequested = z.object({
  accepted: z.literal(true),
  newEmail: z.string(),
  /** When the mailed link stops working. */
  expiresAt: z.string(),
});
export const ZEmailChanged = z.object({ changed: z.literal(true), email: z.string() });
export const ZDeletionStatus = z.object({ deletionScheduledFor: z.string().nullable() });

/** One of the user's own data exports, with a signed download link once it is ready. */
export const ZDataExport = z.object({
  id: z.string(),
  status: ZJobStatus,
  /** Documents written so far, against the total counted when the export started. */
  processed: z.number().int(),
  estimatedTotal: z.number().int().nullable(),
  fileName: z.string().nullable(),
  size: z.number().int().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** When the file is deleted (7 days after it was written). */
  fileExpiresAt: z.string().nullable(),
  /** A signed link to the JSON archive, valid 15 minutes; null until ready or once the file is deleted. */
  downloadUrl: z.string().nullable(),
  downloadUrlExpiresAt: z.string().nullable(),
});
export type TDataExport = z.infer<typeof ZDataExport>;
export const ZDataExportIdInput = z.object({ id: z.string().trim().min(1).max(64) });
export const ZDataExportListInput = z.object({
  limit: z.number().int().min(1).max(50).optional(),
  cursor: z.string().max(2000).optional(),
});
export const ZDataExportList = z.object({ items: z.array(ZDataExport), nextCursor: z.string().nullable() });
