import { z } from 'zod';

export const ZAuditEntry = z.object({
  id: z.string(),
  productId: z.string(),
  actorId: z.string(),
  actorEmail: z.string(),
  /** Set when the actor was an API token. */
  actorTokenId: z.string().nullable(),
  /** The procedure path, e.g. `users.setRoles`. */
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  at: z.string(),
  requestId: z.string(),
  ip: z.string(),
  /** Set on everything done in an impersonation (its start, its requests, its end): the admin viewing as a user. */
  impersonatedBy: z.string().nullable(),
  /** The input with secrets removed. */
  details: z.record(z.string(), z.unknown()).optional(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

export const ZAuditListInput = z.object({
  actorId: z.string().max(128).optional(),
  action: z.string().max(100).optional(),
  targetId: z.string().max(128).optional(),
  /** `impersonation`: only what admins did while viewing as a user; `admin`: everything else. */
  kind: z.enum(['admin', 'impersonation']).optional(),
  /** Only the impersonations of this admin (their start, requests and end). */
  impersonatedBy: z.string().max(128).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  limit: z.number().int().min(1).max(200).optional(),
  cursor: z.string().max(2000).optional(),
});
export type TAuditListInput = z.infer<typeof ZAuditListInput>;

export const ZAuditListOutput = z.object({ items: z.array(ZAuditEntry), nextCursor: z.string().nullable() });
