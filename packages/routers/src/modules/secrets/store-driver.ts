import { type DocumentStore, isStoreError, withoutSystemFields } from '@bytelyst/db/document-store';
import { AppError } from '../../app-error';
import type { SecretKeyring } from '../../lib/secret-box';
import { SECRETS_CONTAINERS } from './containers';
import { SecretDriverError, type SecretRef, type SecretValueDriver } from './driver';

export type ValueDoc = {
  id: string;
  scope: string;
  name: string;
  version: string;
  sealed: string;
  keyId: string;
  enabled: boolean;
  deleted: boolean;
};

/** Each value is sealed for its own record: a sealed value copied onto another secret or version does not open. */
const contextOf = (scope: string, id: string) => `secret:${scope}:${id}`;

/**
 * The default driver: values in the store's `secret_values`, sealed with the keyring's current key (AES-256-GCM,
 * ENCRYPTION_KEY); older keys (ENCRYPTION_KEY_PREVIOUS) still open what they sealed until `reseal` moves it.
 */
export const createStoreSecretDriver = (store: DocumentStore, keyring: SecretKeyring) => {
  const values = () => store.container<ValueDoc>(SECRETS_CONTAINERS.secretValues.name);
  const versionsOf = (ref: SecretRef) =>
    values().query({ partitionKey: ref.scope, where: { name: { eq: ref.name } }, limit: 1000 });
  const eachVersion = async (ref: SecretRef, change: (doc: ValueDoc) => ValueDoc | null) => {
    const page = await versionsOf(ref);
    for (const doc of page.items)
      await values().mutate(doc.id, ref.scope, (current) => change(withoutSystemFields(current)));
  };
  const driver: SecretValueDriver = {
    kind: 'store',
    async put(ref, value) {
      const existing = await versionsOf(ref);
      const version = String(existing.items.length + 1);
      const id = `${ref.name}:${version}`;
      const { sealed, keyId } = keyring.seal(value, contextOf(ref.scope, id));
      try {
        await values().create({
          id,
          scope: ref.scope,
          name: ref.name,
          version,
          sealed,
          keyId,
          enabled: true,
          deleted: false,
        });
      } catch (error) {
        if (isStoreError(error, 'conflict'))
          throw new AppError('CONFLICT', 'Another version was written at the same time; try again');
        throw error;
      }
      return { versionRef: version, keyId };
    },
    async get(ref, versionRef) {
      const doc = await values().read(`${ref.name}:${versionRef}`, ref.scope);
      if (!doc) throw new SecretDriverError('not_found', `no version ${versionRef} of ${ref.name}`);
      if (doc.deleted) throw new SecretDriverError('deleted', `${ref.name} is deleted`);
      if (!doc.enabled)
        throw new SecretDriverError('disabled', `version ${versionRef} of ${ref.name} is disabled`);
      return keyring.open(doc.sealed, contextOf(ref.scope, doc.id));
    },
    async setEnabled(ref, versionRef, enabled) {
      const done = await values().mutate(`${ref.name}:${versionRef}`, ref.scope, (doc) => ({
        ...withoutSystemFields(doc),
        enabled,
      }));
      if (!done) throw new SecretDriverError('not_found', `no version ${versionRef} of ${ref.name}`);
    },
    remove: (ref) => eachVersion(ref, (doc) => ({ ...doc, deleted: true })),
    recover: (ref) => eachVersion(ref, (doc) => ({ ...doc, deleted: false })),
    async purge(ref) {
      const page = await versionsOf(ref);
      for (const doc of page.items) await values().delete(doc.id, ref.scope);
    },
  };
  return {
    ...driver,
    /** Values sealed under another key than the current one. */
    countStale: () => values().count({ where: { keyId: { ne: keyring.currentKeyId } } }),
    stalePage: (limit: number, continuation?: string) =>
      values().query({
        where: { keyId: { ne: keyring.currentKeyId } },
        limit,
        ...(continuation ? { continuation } : {}),
      }),
    /** Opens a value under its old key and seals it under the current one; false when it was already current. */
    async reseal(doc: ValueDoc): Promise<boolean> {
      let changed = false;
      await values().mutate(doc.id, doc.scope, (current) => {
        if (current.keyId === keyring.currentKeyId) return null;
        const plaintext = keyring.open(current.sealed, contextOf(current.scope, current.id));
        const next = keyring.seal(plaintext, contextOf(current.scope, current.id));
        changed = true;
        return { ...withoutSystemFields(current), sealed: next.sealed, keyId: next.keyId };
      });
      return changed;
    },
  };
};

export type StoreSecretDriver = ReturnType<typeof createStoreSecretDriver>;
