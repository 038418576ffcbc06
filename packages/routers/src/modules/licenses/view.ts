import type { LicenseDoc } from './repository';
import type { TLicense, TLicenseStatus } from './schema';

/** Expired once past `expiresAt`, even before license-expiry-check has written the status. */
export const effectiveStatus = (doc: LicenseDoc, nowIso: string): TLicenseStatus =>
  doc.status === 'active' && doc.expiresAt !== null && doc.expiresAt <= nowIso ? 'expired' : doc.status;

export const toLicense = (doc: LicenseDoc, nowIso: string): TLicense => ({
  id: doc.id,
  productId: doc.productId,
  userId: doc.userId,
  planCode: doc.planCode,
  maxDevices: doc.maxDevices,
  status: effectiveStatus(doc, nowIso),
  expiresAt: doc.expiresAt,
  note: doc.note,
  keyPrefix: doc.keyPrefix,
  keySuffix: doc.keySuffix,
  devices: doc.devices,
  activeDevices: doc.devices.length,
  createdAt: doc.createdAt,
  createdBy: doc.createdBy,
  updatedAt: doc.updatedAt,
  revokedAt: doc.revokedAt,
  revokeReason: doc.revokeReason,
  expiredAt: doc.expiredAt,
  expiryWarnedAt: doc.expiryWarnedAt,
});

export const toSummary = (doc: LicenseDoc, nowIso: string) => {
  const { devices: _devices, ...summary } = toLicense(doc, nowIso);
  return summary;
};

export const toOwn = (doc: LicenseDoc, nowIso: string) => {
  const license = toLicense(doc, nowIso);
  return {
    id: license.id,
    planCode: license.planCode,
    maxDevices: license.maxDevices,
    status: license.status,
    expiresAt: license.expiresAt,
    keyPrefix: license.keyPrefix,
    keySuffix: license.keySuffix,
    devices: license.devices,
    activeDevices: license.activeDevices,
    createdAt: license.createdAt,
  };
};
