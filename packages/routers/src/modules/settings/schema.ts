import { z } from 'zod';

/** Per document: at most this many keys and this many bytes of JSON. */
export const SETTINGS_MAX_KEYS = 100;
export const SETTINGS_MAX_BYTES = 16 * 1024;

export const ZSettingKey = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'Letters, digits and _ . : - only');

export const ZSettingsValues = z.record(ZSettingKey, z.json());
export type TSettingsValues = z.infer<typeof ZSettingsValues>;

/** Merged into the stored values; a null value deletes its key. */
export const ZSettingsPatch = z
  .record(ZSettingKey, z.json())
  .refine((patch) => Object.keys(patch).length <= SETTINGS_MAX_KEYS, `At most ${SETTINGS_MAX_KEYS} keys`);
export type TSettingsPatch = z.infer<typeof ZSettingsPatch>;

export const ZDeviceId = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'Letters, digits and _ . : - only');

export const ZUserSettings = z.object({
  userId: z.string(),
  values: ZSettingsValues,
  /** Null until the first write. */
  updatedAt: z.string().nullable(),
});
export type TUserSettings = z.infer<typeof ZUserSettings>;

export const ZDeviceSettings = ZUserSettings.extend({ deviceId: z.string() });
export type TDeviceSettings = z.infer<typeof ZDeviceSettings>;

export const ZUpdateMineInput = z.object({ values: ZSettingsPatch });
export const ZDeviceInput = z.object({ deviceId: ZDeviceId });
export const ZUpdateDeviceInput = z.object({ deviceId: ZDeviceId, values: ZSettingsPatch });
export const ZUserSettingsInput = z.object({ userId: z.string().trim().min(1).max(128) });

export const ZUserSettingsDetail = z.object({
  user: ZUserSettings,
  /** The user's devices' settings, most recently changed first (at most 100). */
  devices: z.array(ZDeviceSettings),
});
export type TUserSettingsDetail = z.infer<typeof ZUserSettingsDetail>;

/** Mirrors flags' version grammar (see flags/schema.ts). */
const ZMinAppVersion = z
  .string()
  .trim()
  .max(64)
  .regex(
    /^v?(0|[1-9]\d{0,8})(?:\.(0|[1-9]\d{0,8}))?(?:\.(0|[1-9]\d{0,8}))?(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/,
    'Expected a version such as 2.4.1',
  );

export const ZKillSwitchInput = z.object({
  /** The client's version: with `minAppVersion` set, only older versions are blocked. */
  appVersion: z.string().trim().max(64).optional(),
});

/** What clients poll: small on purpose. */
export const ZKillSwitchPublic = z.object({
  enabled: z.boolean(),
  /** Whether this caller must stop: enabled, and (when `minAppVersion` is set) older than it or unknown. */
  blocked: z.boolean(),
  message: z.string(),
  minAppVersion: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type TKillSwitchPublic = z.infer<typeof ZKillSwitchPublic>;

export const ZKillSwitch = z.object({
  productId: z.string(),
  enabled: z.boolean(),
  message: z.string(),
  minAppVersion: z.string().nullable(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type TKillSwitch = z.infer<typeof ZKillSwitch>;

export const ZSetKillSwitchInput = z.object({
  enabled: z.boolean(),
  message: z.string().trim().max(500).default(''),
  minAppVersion: ZMinAppVersion.nullable().default(null),
});
export type TSetKillSwitchInput = z.infer<typeof ZSetKillSwitchInput>;
