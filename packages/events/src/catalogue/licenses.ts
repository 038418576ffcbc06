import { z } from 'zod';
import { def, id } from './def';

/** License keys and their device activations. */
export const LICENSES_EVENTS = {
  'license.activated': def({
    version: 1,
    public: true,
    description: 'A license was activated on a device.',
    payload: z.object({ licenseId: id, userId: id, deviceId: id }),
    example: { licenseId: 'lic_9Vb2Kx6tMw3R', userId: 'usr_8fK2mQ7xLpT3', deviceId: 'dev_4Jp8Qz1nSd6F' },
  }),
  'license.expired': def({
    version: 1,
    public: true,
    description: 'A license reached its expiry date.',
    payload: z.object({ licenseId: id, userId: id }),
    example: { licenseId: 'lic_9Vb2Kx6tMw3R', userId: 'usr_8fK2mQ7xLpT3' },
  }),
  'license.created': def({
    version: 1,
    public: false,
    description: 'An admin generated a license key.',
    payload: z.object({
      licenseId: id,
      userId: id,
      planCode: z.string().nullable(),
      maxDevices: z.number().int(),
    }),
  }),
  'license.deactivated': def({
    version: 1,
    public: false,
    description: 'A device was released from a license (by the client or an admin).',
    payload: z.object({ licenseId: id, userId: id, deviceId: id }),
  }),
  'license.revoked': def({
    version: 1,
    public: false,
    description: 'An admin revoked a license; it no longer validates.',
    payload: z.object({ licenseId: id, userId: id }),
  }),
  'license.expiring': def({
    version: 1,
    public: false,
    description: 'A license expires within 7 days (sent once per expiry date by license-expiry-check).',
    payload: z.object({ licenseId: id, userId: id, expiresAt: z.string(), daysLeft: z.number().int() }),
  }),
} as const;
