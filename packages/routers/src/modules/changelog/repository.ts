import {
  type BatchOperation,
  type DocumentStore,
  type Filter,
  isStoreError,
  type Outbox,
  type Page,
  type Stored,
} from '@bytelyst/db/document-store';
import { CHANGELOG_CONTAINERS } from './containers';
import type { TChangelogEntry } from './schema';

export type EntryDoc = Omit<TChangelogEntry, 'announcement'> & {
  kind: 'entry';
  productId: string;
  /** Semver precedence as a sortable string (version-key.ts). */
  versionKey: string;
  announcement: TChangelogEntry['announcement'];
};

/** Changes with every write clients can see; the ETag of `GET /v1/changelog` is derived from its etag. */
export type RevisionDoc = { id: 'revision'; kind: 'revision'; productId: string; updatedAt: string };

type Doc = EntryDoc | RevisionDoc;

const REVISION_ID = 'revision';

export const createChangelogRepository = (store: DocumentStore) => {
  const container = () => store.container<Doc>(CHANGELOG_CONTAINERS.changelog.name);
  // Queries name entry fields; the filter on `kind` keeps the revision document out of every answer.
  const entryContainer = () => store.container<EntryDoc>(CHANGELOG_CONTAINERS.changelog.name);
  const entries = (where: Filter<EntryDoc>): Filter<EntryDoc> => ({ kind: { eq: 'entry' }, ...where });
  const revisionOp = (productId: string, at: string): BatchOperation<Doc> => ({
    op: 'upsert',
    doc: { id: REVISION_ID, kind: 'revision', productId, updatedAt: at },
  });

  return {
    get: async (productId: string, id: string) => {
      const doc = await container().read(id, productId);
      return doc?.kind === 'entry' ? (doc as Stored<EntryDoc>) : undefined;
    },
    /** The product's changelog revision (the etag of its revision document); null before the first publish. */
    revision: async (productId: string) => (await container().read(REVISION_ID, productId))?._etag ?? null,
    /**
     * Writes entry operations in one batch with the event's outbox; `visible` (the change reaches clients)
     * writes the revision document in the same batch. Resolves false on a version taken (create conflict) or
     * a stale etag, so the caller re-reads or refuses.
     */
    commit: async (
      productId: string,
      operations: readonly BatchOperation<EntryDoc>[],
      opts: { outbox: Outbox; visible: boolean; at: string },
    ): Promise<'ok' | 'conflict' | 'stale'> => {
      const all: BatchOperation<Doc>[] = [...operations];
      if (opts.visible) all.push(revisionOp(productId, opts.at));
      try {
        await container().batch(productId, all, { outbox: opts.outbox });
        return 'ok';
      } catch (error) {
        if (isStoreError(error, 'conflict')) return 'conflict';
        if (isStoreError(error, 'precondition_failed') || isStoreError(error, 'not_found')) return 'stale';
        throw error;
      }
    },
    /** A product's entries by version, newest first; `where` narrows (state, since, platform). */
    page: async (
      productId: string,
      where: Filter<EntryDoc>,
      limit: number,
      cursor?: string,
    ): Promise<Page<Stored<EntryDoc>>> =>
      entryContainer().query({
        partitionKey: productId,
        where: entries(where),
        orderBy: [{ field: 'versionKey', direction: 'desc' }],
        limit,
        ...(cursor ? { continuation: cursor } : {}),
      }),
    /** Scheduled entries of every product whose time has come (the publish job's sweep). */
    dueAcross:
      (nowIso: string) =>
      async (cursor: string | undefined): Promise<Page<Stored<EntryDoc>>> =>
        entryContainer().query({
          where: entries({ state: { eq: 'scheduled' }, scheduledAt: { lte: nowIso } }),
          limit: 500,
          ...(cursor ? { continuation: cursor } : {}),
        }),
  };
};

export type ChangelogRepository = ReturnType<typeof createChangelogRepository>;
