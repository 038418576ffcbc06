import { z } from 'zod';

/** Env-style names (`SENDGRID_API_KEY`), so the platform's integration settings read one by its env name. */
export const ZSecretName = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9_]{0,99}$/, 'upper-case letters, digits and underscores, starting with a letter');

/** `product`: the calling product's own; `platform`: one for every product (integration keys). */
export const ZSecretScope = z.enum(['product', 'platform']);
export type TSecretScope = z.infer<typeof ZSecretScope>;

/** The value: any text up to 25 KB (Key Vault's own limit); the key is named so audit records redact it. */
const ZSecretValue = z.string().min(1, 'a value is required').max(25_000);
const ZExpiry = z.iso.datetime({ offset: true }).nullable();
const ZDescription = z.string().trim().max(300);

export const ZSecretVersion = z.object({
  version: z.number().int().min(1),
  enabled: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  /** The store driver's key id for this value; null under Key Vault. */
  keyId: z.string().nullable(),
});
export type TSecretVersion = z.infer<typeof ZSecretVersion>;

export const ZSecretStatus = z.enum(['active', 'expiring', 'expired', 'deleted']);

export const ZSecret = z.object({
  name: z.string(),
  scope: ZSecretScope,
  description: z.string(),
  currentVersion: z.number().int(),
  versions: z.array(ZSecretVersion),
  expiresAt: z.string().nullable(),
  status: ZSecretStatus,
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
  deletedAt: z.string().nullable(),
  /** When a deleted secret is purged for good (the recovery window's end). */
  purgeAt: z.string().nullable(),
});
export type TSecret = z.infer<typeof ZSecret>;

const ZRefInput = z.object({ name: ZSecretName, scope: ZSecretScope.default('product') });

export const ZSecretListInput = z.object({
  scope: ZSecretScope.default('product'),
  /** Include deleted secrets still in their recovery window. */
  deleted: z.boolean().optional(),
});
export const ZSecretListOutput = z.object({ items: z.array(ZSecret) });
export const ZSecretGetInput = ZRefInput;
export const ZSecretCreateInput = ZRefInput.extend({
  description: ZDescription.default(''),
  secretValue: ZSecretValue,
  expiresAt: ZExpiry.default(null),
});
export type TSecretCreateInput = z.infer<typeof ZSecretCreateInput>;
export const ZSecretCreateVersionInput = ZRefInput.extend({
  secretValue: ZSecretValue,
  /** The new version's expiry; default: the secret's current expiry is cleared only when given null. */
  expiresAt: ZExpiry.optional(),
});
export const ZSecretSetExpiryInput = ZRefInput.extend({ expiresAt: ZExpiry });
export const ZSecretVersionInput = ZRefInput.extend({ version: z.number().int().min(1) });
export const ZSecretRevealInput = ZRefInput.extend({
  version: z.number().int().min(1).optional(),
  /** Why the value is looked at; kept in the audit log. */
  reason: z.string().trim().min(10, 'say why, in at least 10 characters').max(500),
});
export const ZSecretRevealOutput = z.object({
  name: z.string(),
  version: z.number().int(),
  secretValue: z.string(),
});
export const ZSecretRef = z.object({ name: z.string(), scope: ZSecretScope });

export const ZReencryption = z.object({
  state: z.enum(['idle', 'running', 'done', 'failed']),
  keyId: z.string(),
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  /** Values still sealed under an older key. */
  remaining: z.number().int(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  driver: z.enum(['store', 'keyvault']),
});
export type TReencryption = z.infer<typeof ZReencryption>;
export const ZReencryptOutput = z.object({ runId: z.string() });
