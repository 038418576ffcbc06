import { z } from 'zod';

export const ZDevicePlatform = z.enum(['ios', 'android', 'macos', 'windows', 'linux', 'web']);
export type TDevicePlatform = z.infer<typeof ZDevicePlatform>;

const isTimeZone = (value: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

const isLocale = (value: string): boolean => {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
};

/** An IANA zone name (`Europe/Berlin`, `UTC`); offsets like `+02:00` are refused: they ignore DST. */
export const ZTimeZone = z
  .string()
  .trim()
  .max(64)
  .regex(
    /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/,
    'Expected an IANA time zone such as Europe/Berlin',
  )
  .refine(isTimeZone, 'Unknown time zone');

export const ZLocale = z
  .string()
  .trim()
  .min(2)
  .max(35)
  .refine(isLocale, 'Expected a BCP 47 locale such as en-US');

const deviceId = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'Letters, digits, _ . : -');

export const ZRegisterDeviceInput = z.object({
  deviceId,
  platform: ZDevicePlatform,
  /** APNs/FCM/web-push token; null or absent when the user declined push. */
  pushToken: z.string().trim().min(1).max(4096).nullable().optional(),
  appVersion: z.string().trim().min(1).max(50),
  locale: ZLocale,
  timeZone: ZTimeZone,
});
export type TRegisterDeviceInput = z.infer<typeof ZRegisterDeviceInput>;

export const ZDeviceIdInput = z.object({ deviceId });

/** A device as shown: the push token itself never leaves the server, only whether there is one. */
export const ZDevice = z.object({
  deviceId: z.string(),
  userId: z.string(),
  productId: z.string(),
  platform: ZDevicePlatform,
  hasPushToken: z.boolean(),
  /** The token's last 6 characters, to tell tokens apart when debugging delivery. */
  pushTokenSuffix: z.string().nullable(),
  appVersion: z.string(),
  locale: z.string(),
  timeZone: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
});
export type TDevice = z.infer<typeof ZDevice>;
export const ZDeviceList = z.object({ items: z.array(ZDevice) });

export const ZDeviceListInput = z.object({
  platform: ZDevicePlatform.optional(),
  userId: z.string().trim().min(1).max(128).optional(),
  limit: z.number().int().min(1).max(200).optional(),
  cursor: z.string().max(2000).optional(),
});
export type TDeviceListInput = z.infer<typeof ZDeviceListInput>;
export const ZDevicePage = z.object({ items: z.array(ZDevice), nextCursor: z.string().nullable() });

export const ZUserIdInput = z.object({ userId: z.string().trim().min(1).max(128) });

export const ZNotificationType = z.enum(['security', 'billing', 'product_updates', 'marketing']);
export type TNotificationType = z.infer<typeof ZNotificationType>;
export const NOTIFICATION_TYPES = ZNotificationType.options;

export const ZChannel = z.enum(['email', 'push', 'in_app']);
export type TChannel = z.infer<typeof ZChannel>;
export const CHANNELS = ZChannel.options;

export const ZChannelPrefs = z.object({ email: z.boolean(), push: z.boolean(), in_app: z.boolean() });
export type TChannelPrefs = z.infer<typeof ZChannelPrefs>;

export const ZPreferenceMatrix = z.object({
  security: ZChannelPrefs,
  billing: ZChannelPrefs,
  product_updates: ZChannelPrefs,
  marketing: ZChannelPrefs,
});
export type TPreferenceMatrix = z.infer<typeof ZPreferenceMatrix>;

export const ZPreferences = z.object({
  userId: z.string(),
  productId: z.string(),
  preferences: ZPreferenceMatrix,
  /** Null while the user has never changed anything (the defaults apply). */
  updatedAt: z.string().nullable(),
});
export type TPreferences = z.infer<typeof ZPreferences>;

/** Only what changes: `{ marketing: { email: false } }`. */
export const ZPreferencesUpdateInput = z.object({
  preferences: z
    .object({
      security: ZChannelPrefs.partial().optional(),
      billing: ZChannelPrefs.partial().optional(),
      product_updates: ZChannelPrefs.partial().optional(),
      marketing: ZChannelPrefs.partial().optional(),
    })
    .strict(),
});
export type TPreferencesUpdateInput = z.infer<typeof ZPreferencesUpdateInput>;
