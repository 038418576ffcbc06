import {
  type BatchOperation,
  type DocumentStore,
  isStoreError,
  type Outbox,
  type Stored,
} from '@bytelyst/db/document-store';
import { I18N_CONTAINERS } from './containers';
import type { TTranslationStatus } from './schema';

export type StringDoc = {
  id: string;
  kind: 'string';
  productId: string;
  locale: string;
  key: string;
  namespace: string;
  message: string;
  status: TTranslationStatus;
  args: string[];
  description: string | null;
  context: string | null;
  updatedBy: string | null;
  updatedAt: string;
};

type RevisionDoc = {
  id: '_revision';
  kind: 'revision';
  productId: string;
  locale: string;
  updatedAt: string;
};

export type ConfigDoc = {
  id: 'config';
  kind: 'config';
  productId: string;
  locale: '*';
  locales: string[];
  defaultLocale: string;
  updatedAt: string;
};

type Doc = StringDoc | RevisionDoc | ConfigDoc;

const REVISION_ID = '_revision';
const CONFIG_PARTITION = '*';
/** A batch holds 100 operations; one goes to the revision document and one to the outbox (on Cosmos). */
export const STRINGS_PER_BATCH = 98;

export const createI18nRepository = (store: DocumentStore) => {
  const container = () => store.container<Doc>(I18N_CONTAINERS.translations.name);
  const strings = () => store.container<StringDoc>(I18N_CONTAINERS.translations.name);
  const pk = (productId: string, locale: string) => `${productId}:${locale}`;

  return {
    config: async (productId: string) =>
      (await container().read('config', pk(productId, CONFIG_PARTITION))) as Stored<ConfigDoc> | undefined,

    /** Writes the config under the read etag (or creates it); false when another writer came first. */
    putConfig: async (doc: ConfigDoc, ifMatch: string | undefined, outbox: Outbox): Promise<boolean> => {
      try {
        const operation: BatchOperation<Doc> = ifMatch
          ? { op: 'replace', doc, ifMatch }
          : { op: 'create', doc };
        await container().batch(pk(doc.productId, CONFIG_PARTITION), [operation], { outbox });
        return true;
      } catch (error) {
        if (isStoreError(error, 'precondition_failed') || isStoreError(error, 'conflict')) return false;
        throw error;
      }
    },

    get: async (productId: string, locale: string, key: string) => {
      const doc = await container().read(key, pk(productId, locale));
      return doc?.kind === 'string' ? (doc as Stored<StringDoc>) : undefined;
    },

    /** Every string of one locale (one partition, read in pages). */
    all: async (productId: string, locale: string): Promise<Stored<StringDoc>[]> => {
      const out: Stored<StringDoc>[] = [];
      let continuation: string | undefined;
      do {
        const page = await strings().query({
          partitionKey: pk(productId, locale),
          where: { kind: { eq: 'string' } },
          limit: 1000,
          ...(continuation ? { continuation } : {}),
        });
        out.push(...page.items);
        continuation = page.continuation ?? undefined;
      } while (continuation);
      return out;
    },

    /** The revision of each locale's partition (null before its first write), by point reads. */
    revisions: async (productId: string, locales: readonly string[]) =>
      Promise.all(
        locales.map(
          async (locale) => (await container().read(REVISION_ID, pk(productId, locale)))?._etag ?? null,
        ),
      ),

    /**
     * String operations of one locale (at most STRINGS_PER_BATCH) in one batch with the partition's revision and
     * the event's outbox: a bundle's version moves exactly when its strings do.
     */
    commit: async (
      productId: string,
      locale: string,
      operations: readonly BatchOperation<StringDoc>[],
      opts: { outbox: Outbox; at: string },
    ) => {
      const revision: RevisionDoc = {
        id: REVISION_ID,
        kind: 'revision',
        productId,
        locale,
        updatedAt: opts.at,
      };
      await container().batch(pk(productId, locale), [...operations, { op: 'upsert', doc: revision }], {
        outbox: opts.outbox,
      });
    },
  };
};

export type I18nRepository = ReturnType<typeof createI18nRepository>;
