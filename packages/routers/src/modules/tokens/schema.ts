import { z } from 'zod';
import { ZQueryBoolean } from '../../lib/query-boolean';

export const ZTokenRole = z.enum(['user', 'admin']);
export type TTokenRole = z.infer<typeof ZTokenRole>;

/** An API token as listed: the hash never leaves the server, only a display prefix. */
export const ZApiToken = z.object({
  id: z.string(),
  productId: z.string(),
  name: z.string(),
  role: ZTokenRole,
  prefix: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type TApiToken = z.infer<typeof ZApiToken>;

export const ZTokenCreateInput = z.object({
  name: z.string().trim().min(1).max(100),
  role: ZTokenRole.default('user'),
  /** Days until it expires; omitted = never. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type TTokenCreateInput = z.infer<typeof ZTokenCreateInput>;

export const ZTokenCreateOutput = z.object({
  /** The plaintext token, shown this once. */
  token: z.string(),
  item: ZApiToken,
});

export const ZTokenListInput = z.object({
  includeRevoked: ZQueryBoolean.optional(),
  limit: z.number().int().min(1).max(100).optional(),
  cursor: z.string().max(2000).optional(),
});

export const ZTokenListOutput = z.object({ items: z.array(ZApiToken), nextCursor: z.string().nullable() });

export const ZTokenValidateInput = z.object({ token: z.string().min(1).max(200) });

export const ZTokenValidateOutput = z.object({
  valid: z.boolean(),
  productId: z.string().optional(),
  role: ZTokenRole.optional(),
  expiresAt: z.string().nullable().optional(),
});
