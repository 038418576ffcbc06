import {
  type DocumentStore,
  type Filter,
  isStoreError,
  type Outbox,
  type Stored,
  withoutSystemFields,
} from '@bytelyst/db/document-store';
import { SECRETS_CONTAINERS } from './containers';
import type { TReencryption } from './schema';

export type VersionDoc = {
  version: number;
  /** The driver's name for it: the number under `store`, Key Vault's version id under `keyvault`. */
  versionRef: string;
  enabled: boolean;
  createdAt: string;
  createdBy: string | null;
  keyId: string | null;
};

export type SecretDoc = {
  id: string;
  scope: string;
  kind: 'secret';
  name: string;
  description: string;
  versions: VersionDoc[];
  currentVersion: number;
  expiresAt: string | null;
  /** The version the expiry reminder went out for: one reminder per version. */
  reminderSentFor: number | null;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
  deletedAt: string | null;
  purgeAt: string | null;
};

export type ReencryptionDoc = Omit<TReencryption, 'remaining' | 'driver'> & {
  id: 'reencryption';
  scope: '~';
  kind: 'reencryption';
};

const REENCRYPTION = { id: 'reencryption', scope: '~' } as const;

export const createSecretsRepository = (store: DocumentStore) => {
  const secrets = () => store.container<SecretDoc>(SECRETS_CONTAINERS.secrets.name);
  const progress = () => store.container<ReencryptionDoc>(SECRETS_CONTAINERS.secrets.name);
  return {
    read: async (scope: string, name: string): Promise<SecretDoc | undefined> => {
      const doc = await secrets().read(name, scope);
      return doc && doc.kind === 'secret' ? withoutSystemFields(doc) : undefined;
    },
    /** False when the name is taken in the scope (a deleted secret in its recovery window too). */
    async create(doc: SecretDoc, outbox: Outbox): Promise<boolean> {
      try {
        await secrets().create(doc, { outbox });
        return true;
      } catch (error) {
        if (isStoreError(error, 'conflict')) return false;
        throw error;
      }
    },
    /** Read-apply-replace under the etag; `change` answers the next document or null; undefined when absent. */
    async mutate(
      scope: string,
      name: string,
      change: (current: SecretDoc) => SecretDoc | null,
      outbox?: (next: SecretDoc) => Outbox | undefined,
    ): Promise<SecretDoc | undefined> {
      const result = await secrets().mutate(name, scope, (current) => change(withoutSystemFields(current)), {
        ...(outbox ? { outbox: (next) => outbox(next) } : {}),
      });
      return result ? withoutSystemFields(result.doc) : undefined;
    },
    list: async (scope: string, where: Filter<SecretDoc>) => {
      const out: Stored<SecretDoc>[] = [];
      let continuation: string | undefined;
      do {
        const page = await secrets().query({
          partitionKey: scope,
          where: { ...where, kind: { eq: 'secret' } },
          orderBy: [{ field: 'updatedAt', direction: 'desc' }],
          limit: 500,
          ...(continuation ? { continuation } : {}),
        });
        out.push(...page.items);
        continuation = page.continuation ?? undefined;
      } while (continuation && out.length < 5000);
      return out.map((doc) => withoutSystemFields(doc));
    },
    /** Every scope's secrets matching `where`, a page at a time (the jobs' sweeps). */
    page: (where: Filter<SecretDoc>, limit: number, continuation?: string) =>
      secrets().query({
        where: { ...where, kind: { eq: 'secret' } },
        limit,
        ...(continuation ? { continuation } : {}),
      }),
    remove: (scope: string, name: string, outbox: Outbox) => secrets().delete(name, scope, { outbox }),
    readProgress: async () => {
      const doc = await progress().read(REENCRYPTION.id, REENCRYPTION.scope);
      return doc ? withoutSystemFields(doc) : undefined;
    },
    writeProgress: (doc: Omit<ReencryptionDoc, 'id' | 'scope' | 'kind'>) =>
      progress().upsert({ ...doc, ...REENCRYPTION, kind: 'reencryption' }),
  };
};

export type SecretsRepository = ReturnType<typeof createSecretsRepository>;
