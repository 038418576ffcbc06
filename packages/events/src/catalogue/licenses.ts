import { z } from 'zod';
import { def, id } from './def';

/** License keys and their device activations. */
export const LICENSES_EVENTS = {
  'license.activated': def({
    version: 1,
    public: true,
    description: 'A license was activated on a device.',
    payload: z.object({ licenseId: id, userId: id, deviceId: id }),
  }),
  'license.expired': def({
    version: 1,
    public: true,
    description: 'A license reached its expiry date.',
    payload: z.object({ licenseId: id, userId: id }),
  }),
} as const;
