import { z } from 'zod';

/** A session as clients see it; refresh token hashes never leave the server. */
export const ZSession = z.object({
  id: z.string(),
  productId: z.string(),
  userId: z.string(),
  platform: z.string(),
  ipAddress: z.string(),
  userAgent: z.string(),
  lastActiveAt: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().optional(),
  expiresAt: z.string(),
  /** A shadow session: the admin viewing as this user (read-only, 15 minutes). */
  impersonatedBy: z.string().optional(),
});
export type TSession = z.infer<typeof ZSession>;

export const ZPlatform = z.enum(['ios', 'android', 'desktop', 'web', 'server', 'other']);
