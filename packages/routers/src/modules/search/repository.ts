import type { DocumentStore, Outbox, Stored } from '@bytelyst/db/document-store';
import { SEARCH_CONTAINERS } from './containers';
import type { TRebuild } from './schema';

/** A rebuild as stored: the API's shape plus its product, its number there and the job run that holds it. */
export type RebuildDoc = TRebuild & { productId: string; seq: number; runId: string | null };

export const createSearchRepository = (store: DocumentStore) => {
  const rebuilds = () => store.container<RebuildDoc>(SEARCH_CONTAINERS.searchRebuilds.name);
  return {
    index: () => store.fullText(SEARCH_CONTAINERS.searchIndex.name),
    getRebuild: (productId: string, id: string) => rebuilds().read(id, productId),
    /** The product's latest rebuild. */
    async latestRebuild(productId: string): Promise<Stored<RebuildDoc> | undefined> {
      const page = await rebuilds().query({
        partitionKey: productId,
        orderBy: [{ field: 'requestedAt', direction: 'desc' }],
        limit: 1,
      });
      return page.items[0];
    },
    createRebuild: (doc: RebuildDoc, outbox: Outbox) => rebuilds().create(doc, { outbox }),
    saveRebuild: (doc: RebuildDoc, etag: string, outbox?: Outbox) =>
      rebuilds().replace(doc, { ifMatch: etag, ...(outbox ? { outbox } : {}) }),
    /** Queued and running rebuilds of every product, oldest first (a running one may have lost its process). */
    async unfinished(): Promise<Stored<RebuildDoc>[]> {
      const out: Stored<RebuildDoc>[] = [];
      for (const status of ['queued', 'running'] as const) {
        const page = await rebuilds().query({
          where: { status: { eq: status } },
          orderBy: [{ field: 'status' }, { field: 'requestedAt' }],
          limit: 1000,
        });
        out.push(...page.items);
      }
      return out.sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
    },
  };
};

export type SearchRepository = ReturnType<typeof createSearchRepository>;
