import {
  type BatchOperation,
  type DocumentStore,
  isStoreError,
  type Outbox,
  type Page,
  type Stored,
} from '@bytelyst/db/document-store';
import type { ThemeTokens } from '@bytelyst/design-tokens';
import { THEMES_CONTAINERS } from './containers';

export type ThemeDoc = {
  id: 'theme';
  kind: 'theme';
  productId: string;
  draft: ThemeTokens;
  draftUpdatedAt: string | null;
  draftUpdatedBy: string | null;
  publishedVersion: number | null;
  published: ThemeTokens | null;
  publishedAt: string | null;
};

export type VersionDoc = {
  id: string;
  kind: 'version';
  productId: string;
  version: number;
  tokens: ThemeTokens;
  note: string;
  publishedAt: string;
  publishedBy: string;
};

type Doc = ThemeDoc | VersionDoc;

export const THEME_ID = 'theme';
export const versionDocId = (version: number) => `v${version}`;

export const createThemesRepository = (store: DocumentStore) => {
  const container = () => store.container<Doc>(THEMES_CONTAINERS.themes.name);
  const versions = () => store.container<VersionDoc>(THEMES_CONTAINERS.themes.name);
  return {
    theme: async (productId: string) => {
      const doc = await container().read(THEME_ID, productId);
      return doc?.kind === 'theme' ? (doc as Stored<ThemeDoc>) : undefined;
    },
    version: async (productId: string, version: number) => {
      const doc = await container().read(versionDocId(version), productId);
      return doc?.kind === 'version' ? (doc as Stored<VersionDoc>) : undefined;
    },
    /**
     * Writes in one batch with the event's outbox. Resolves `conflict` when a create met an existing document
     * (another publisher took the version number) and `stale` on an etag that moved, so the caller re-reads.
     */
    commit: async (
      productId: string,
      operations: readonly BatchOperation<Doc>[],
      outbox: Outbox,
    ): Promise<'ok' | 'conflict' | 'stale'> => {
      try {
        await container().batch(productId, operations, { outbox });
        return 'ok';
      } catch (error) {
        if (isStoreError(error, 'conflict')) return 'conflict';
        if (isStoreError(error, 'precondition_failed') || isStoreError(error, 'not_found')) return 'stale';
        throw error;
      }
    },
    /** Published versions, newest first. */
    versions: async (productId: string, limit: number, cursor?: string): Promise<Page<Stored<VersionDoc>>> =>
      versions().query({
        partitionKey: productId,
        where: { kind: { eq: 'version' } },
        orderBy: [{ field: 'version', direction: 'desc' }],
        limit,
        ...(cursor ? { continuation: cursor } : {}),
      }),
  };
};

export type ThemesRepository = ReturnType<typeof createThemesRepository>;
