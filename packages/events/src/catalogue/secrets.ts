import { z } from 'zod';
import { def } from './def';

const name = z.string().min(1);
const scope = z.enum(['product', 'platform']);
const version = z.number().int().min(1);

/**
 * Secrets management: names, versions and who did what; never a value. Internal: a product's integration keys
 * are the platform operator's business. Platform-wide secrets are staged under product `*`.
 */
export const SECRETS_EVENTS = {
  'secret.created': def({
    version: 1,
    public: false,
    description: 'A secret was created with its first version.',
    payload: z.object({ name, scope, version, expiresAt: z.string().nullable() }),
  }),
  'secret.version_created': def({
    version: 1,
    public: false,
    description: 'A secret got a new current version (the previous ones stay, enabled, until disabled).',
    payload: z.object({ name, scope, version, expiresAt: z.string().nullable() }),
  }),
  'secret.version_disabled': def({
    version: 1,
    public: false,
    description: 'A version of a secret was disabled: reading it is refused until it is enabled again.',
    payload: z.object({ name, scope, version }),
  }),
  'secret.version_enabled': def({
    version: 1,
    public: false,
    description: 'A disabled version of a secret was enabled again.',
    payload: z.object({ name, scope, version }),
  }),
  'secret.expiry_set': def({
    version: 1,
    public: false,
    description: "A secret's expiry date was set or cleared (null).",
    payload: z.object({ name, scope, expiresAt: z.string().nullable() }),
  }),
  'secret.revealed': def({
    version: 1,
    public: false,
    description: "A super_admin read a secret's value, giving the reason kept here.",
    payload: z.object({ name, scope, version, reason: z.string() }),
  }),
  'secret.deleted': def({
    version: 1,
    public: false,
    description: 'A secret was deleted: recoverable until `purgeAt`, then purged by the daily job.',
    payload: z.object({ name, scope, purgeAt: z.string() }),
  }),
  'secret.recovered': def({
    version: 1,
    public: false,
    description: 'A deleted secret was recovered within its recovery window.',
    payload: z.object({ name, scope }),
  }),
  'secret.purged': def({
    version: 1,
    public: false,
    description: 'A deleted secret was removed for good once its recovery window ended.',
    payload: z.object({ name, scope }),
  }),
  'secret.expiring': def({
    version: 1,
    public: false,
    description: "A secret's current version expires within the reminder window (sent once per version).",
    payload: z.object({ name, scope, version, expiresAt: z.string(), daysLeft: z.number().int() }),
  }),
  'secret.reencrypted': def({
    version: 1,
    public: false,
    description:
      'The re-encryption job moved stored values to the current key (`done`, `failed` of `total`).',
    payload: z.object({
      keyId: z.string(),
      total: z.number().int().min(0),
      done: z.number().int().min(0),
      failed: z.number().int().min(0),
    }),
  }),
} as const;
