import { z } from 'zod';
import { ZPlatform } from '../sessions/schema';
import { ZEmail, ZName, ZPassword, ZUser } from '../users/schema';

export const ZRegisterInput = z.object({
  email: ZEmail,
  password: ZPassword,
  name: ZName,
  platform: ZPlatform.optional(),
});
export type TRegisterInput = z.infer<typeof ZRegisterInput>;

export const ZLoginInput = z.object({
  email: ZEmail,
  password: z.string().min(1).max(200),
  platform: ZPlatform.optional(),
});
export type TLoginInput = z.infer<typeof ZLoginInput>;

export const ZRefreshInput = z.object({ refreshToken: z.string().min(1).max(500) });

export const ZAuthResult = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
  user: ZUser,
});
export type TAuthResult = z.infer<typeof ZAuthResult>;

export const ZLogoutOutput = z.object({ ok: z.literal(true) });

export const ZMeOutput = ZUser.extend({ sessionId: z.string().nullable() });

export const ZEmptyInput = z.object({});
