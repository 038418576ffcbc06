import type { Clock } from '@bytelyst/db/document-store';
import type { FullTextIndex } from '@bytelyst/db/full-text';
import type { BusLogger } from '@bytelyst/events/logger';
import type { ModuleWorker } from '../../module';
import type { AnySearchEntity } from './entities/entity';
import type { Indexer } from './indexer';

/**
 * Docs are files, so no event tells the index they changed: every product's index is brought to what the files
 * say when the workers start (a deploy ships new docs), and by a rebuild of the `doc` type. Sections that are
 * gone (a heading renamed, a doc removed) are taken out.
 */
export const createDocsSync = (deps: {
  index: () => FullTextIndex;
  entity: AnySearchEntity;
  indexer: Indexer;
  clock: Clock;
  products: () => Promise<readonly string[]>;
  logger?: BusLogger;
}) => {
  /** Indexes every doc section in each product's index; returns the sections indexed per product. */
  const sync = async (productIds?: readonly string[]): Promise<Record<string, number>> => {
    const out: Record<string, number> = {};
    for (const productId of productIds ?? (await deps.products())) {
      const started = deps.clock();
      const page = await deps.entity.page(productId, undefined, Number.MAX_SAFE_INTEGER);
      const docs = await deps.indexer.docsOf(productId, deps.entity, page.items, new Map());
      await deps.index().upsert(docs);
      await deps.index().deleteWhere(productId, { kinds: [deps.entity.type], indexedBefore: started });
      out[productId] = docs.length;
    }
    return out;
  };

  let running: Promise<unknown> | undefined;
  const worker: ModuleWorker = {
    name: 'search.docs-sync',
    start() {
      running = sync().catch((error) => {
        deps.logger?.error?.({ err: error }, 'search: indexing the docs failed');
      });
    },
    async stop() {
      await running;
    },
  };

  return { sync, worker };
};
