import { z } from 'zod';
import { ZPlatform, ZSessionDeviceId } from '../sessions/schema';
import { ZEmail, ZName, ZPassword, ZUser } from '../users/schema';

export const ZRegisterInput = z.object({
  email: ZEmail,
  password: ZPassword,
  name: ZName,
  platform: ZPlatform.optional(),
  /** The client's own id for this device; names the session's device and links it to a license activation. */
  deviceId: ZSessionDeviceId.optional(),
});
export type TRegisterInput = z.infer<typeof ZRegisterInput>;

export const ZLoginInput = z.object({
  email: ZEmail,
  password: z.string().min(1).max(200),
  platform: ZPlatform.optional(),
  /** The client's own id for this device; a sign-in from a device id never used before sends the new sign-in mail. */
  deviceId: ZSessionDeviceId.optional(),
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
