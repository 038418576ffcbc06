import { z } from 'zod';
import { ZUser } from '../users/schema';

/** What every change made with a shadow token is refused with (403), on both faces. */
export const IMPERSONATION_READ_ONLY =
  'Impersonation is read-only: changes are refused while viewing as another user';

/** How long a shadow token lives; it cannot be renewed (roadmap §2.15). */
export const IMPERSONATION_TTL_SECONDS = 15 * 60;

export const ZImpersonateInput = z.object({ targetUserId: z.string().trim().min(1).max(128) });
export type TImpersonateInput = z.infer<typeof ZImpersonateInput>;

export const ZImpersonation = z.object({
  /** The shadow access token: read-only, `impersonatedBy` names the admin; there is no refresh token. */
  accessToken: z.string(),
  /** Seconds until it expires. */
  expiresIn: z.number().int(),
  expiresAt: z.string(),
  /** The shadow session, in the user's sessions. */
  sessionId: z.string(),
  impersonatedBy: z.string(),
  user: ZUser,
});
export type TImpersonation = z.infer<typeof ZImpersonation>;

/**
 * With the shadow token: nothing (it ends itself). An admin ending one with their own token names the user
 * and the shadow session.
 */
export const ZEndImpersonationInput = z.object({
  targetUserId: z.string().trim().min(1).max(128).optional(),
  sessionId: z.string().trim().min(1).max(128).optional(),
});
export type TEndImpersonationInput = z.infer<typeof ZEndImpersonationInput>;

export const ZEndImpersonationOutput = z.object({
  /** False when it had already ended (expired or ended before). */
  ended: z.boolean(),
  userId: z.string(),
  sessionId: z.string(),
});
export type TEndImpersonationOutput = z.infer<typeof ZEndImpersonationOutput>;
