import type { ContainerDef } from '@bytelyst/db/document-store';

/** The containers this module owns; created at start-up with every other module's (see services.ts). */
export const SECRETS_CONTAINERS = {
  /**
   * One document per secret (its id is the name) under its scope: a product id, or `*` for platform-wide ones.
   * Names, versions, who and when, expiry and deletion; never a value. The re-encryption job's progress is the
   * `reencryption` document under the `~` partition.
   */
  secrets: {
    name: 'secrets',
    partitionKey: ['scope'],
    indexes: [['expiresAt'], ['purgeAt'], ['updatedAt']],
  },
  /**
   * The `store` driver's values: one document per version (`<name>:<version>`), sealed with AES-256-GCM and
   * naming the key it was sealed under (`keyId`), so a rotated key's values can be found and re-sealed.
   */
  secretValues: {
    name: 'secret_values',
    partitionKey: ['scope'],
    indexes: [['keyId']],
  },
} as const satisfies Record<string, ContainerDef>;
