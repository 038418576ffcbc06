import { z } from 'zod';

export const LICENSE_STATUSES = ['active', 'revoked', 'expired'] as const;
export const ZLicenseStatus = z.enum(LICENSE_STATUSES);
export type TLicenseStatus = z.infer<typeof ZLicenseStatus>;

export const ZDeviceId = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]+$/, 'Use letters, digits, dots, dashes, colons or underscores');

/** As typed by a person: checked for format and checksum by the service before any lookup. */
export const ZLicenseKeyInput = z.string().trim().min(1).max(64);

export const ZLicenseDevice = z.object({
  deviceId: z.string(),
  deviceName: z.string().nullable(),
  platform: z.string().nullable(),
  activatedAt: z.string(),
  /** Last activation or validation from this device (refreshed at most hourly). */
  lastSeenAt: z.string(),
});
export type TLicenseDevice = z.infer<typeof ZLicenseDevice>;

/** A license as admins see it: never the key, only its first group and last four symbols. */
export const ZLicense = z.object({
  id: z.string(),
  productId: z.string(),
  userId: z.string(),
  planCode: z.string().nullable(),
  maxDevices: z.number().int(),
  status: ZLicenseStatus,
  expiresAt: z.string().nullable(),
  note: z.string(),
  keyPrefix: z.string(),
  keySuffix: z.string(),
  devices: z.array(ZLicenseDevice),
  activeDevices: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
  expiredAt: z.string().nullable(),
  /** When license-expiry-check sent its 7-day warning for the current expiry date. */
  expiryWarnedAt: z.string().nullable(),
});
export type TLicense = z.infer<typeof ZLicense>;

export const ZLicenseSummary = ZLicense.omit({ devices: true });
export type TLicenseSummary = z.infer<typeof ZLicenseSummary>;

/** What the owner sees of their own license. */
export const ZOwnLicense = ZLicense.pick({
  id: true,
  planCode: true,
  maxDevices: true,
  status: true,
  expiresAt: true,
  keyPrefix: true,
  keySuffix: true,
  devices: true,
  activeDevices: true,
  createdAt: true,
});

const ZFutureIso = z.iso.datetime({ offset: true });

export const ZLicenseGenerateInput = z.object({
  userId: z.string().trim().min(1).max(128),
  /** The plan whose device limit applies; default the user's current plan. */
  planCode: z.string().trim().min(1).max(40).optional(),
  /** Overrides the plan's device limit. */
  maxDevices: z.number().int().min(1).max(1000).optional(),
  expiresAt: ZFutureIso.optional(),
  note: z.string().trim().max(500).optional(),
});
export type TLicenseGenerateInput = z.infer<typeof ZLicenseGenerateInput>;

export const ZLicenseGenerateOutput = z.object({
  /** The full key, shown this once; only its hash is stored. */
  key: z.string(),
  item: ZLicense,
});

export const ZLicenseUpdateInput = z.object({
  id: z.string().min(1).max(128),
  /** A new expiry (null = never); a later one reactivates an expired license. */
  expiresAt: ZFutureIso.nullable().optional(),
  maxDevices: z.number().int().min(1).max(1000).optional(),
  note: z.string().trim().max(500).optional(),
});
export type TLicenseUpdateInput = z.infer<typeof ZLicenseUpdateInput>;

export const ZLicenseListInput = z.object({
  status: ZLicenseStatus.optional(),
  userId: z.string().trim().min(1).max(128).optional(),
  limit: z.number().int().min(1).max(100).optional(),
  cursor: z.string().max(2000).optional(),
});
export type TLicenseListInput = z.infer<typeof ZLicenseListInput>;

export const ZLicenseListOutput = z.object({
  items: z.array(ZLicenseSummary),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});

export const ZLicenseRevokeInput = z.object({
  id: z.string().min(1).max(128),
  reason: z.string().trim().max(500).optional(),
});

export const ZDeviceRefInput = z.object({ id: z.string().min(1).max(128), deviceId: ZDeviceId });
/** A device of one of the caller's own licenses. */
export const ZDeviceMineInput = z.object({ licenseId: z.string().min(1).max(128), deviceId: ZDeviceId });

export const ZActivateInput = z.object({
  key: ZLicenseKeyInput,
  deviceId: ZDeviceId,
  deviceName: z.string().trim().min(1).max(100).optional(),
  platform: z.string().trim().min(1).max(40).optional(),
});
export type TActivateInput = z.infer<typeof ZActivateInput>;

export const ZKeyDeviceInput = z.object({ key: ZLicenseKeyInput, deviceId: ZDeviceId });

export const ZActivateOutput = z.object({
  licenseId: z.string(),
  status: ZLicenseStatus,
  expiresAt: z.string().nullable(),
  maxDevices: z.number().int(),
  activeDevices: z.number().int(),
  device: ZLicenseDevice,
  /** True when this device was already bound (nothing changed). */
  alreadyActive: z.boolean(),
});

export const ZDeactivateOutput = z.object({
  licenseId: z.string(),
  deviceId: z.string(),
  /** False when the device was not bound (nothing changed). */
  deactivated: z.boolean(),
  activeDevices: z.number().int(),
});

export const ZValidateReason = z.enum(['ok', 'not_found', 'revoked', 'expired', 'device_not_activated']);

export const ZValidateOutput = z.object({
  valid: z.boolean(),
  status: ZLicenseStatus.nullable(),
  reason: ZValidateReason,
  expiresAt: z.string().nullable(),
  maxDevices: z.number().int().nullable(),
  activeDevices: z.number().int().nullable(),
});
export type TValidateOutput = z.infer<typeof ZValidateOutput>;

export const ZMineOutput = z.object({ items: z.array(ZOwnLicense) });
