import type { JobTrigger } from '../../lib/job-trigger';
import { defineModule } from '../../module';
import { rebuildAfterRestore } from './after-restore';
import { SEARCH_CONTAINERS } from './containers';
import { createDocsSync } from './docs-sync';
import { createSearchEntities, type EntityNeeds } from './entities/registry';
import { createIndexer } from './indexer';
import { createSearchJobs } from './jobs';
import { createRebuilds } from './rebuild';
import { createSearchRepository } from './repository';
import { createSearchService } from './service';

type Needs = EntityNeeds & {
  jobTrigger: JobTrigger;
  products: { list(): Promise<readonly { id: string }[]> };
};

/**
 * Admin search (roadmap §2.21): one ranked, type-ahead search over users, tracker items, audit entries and
 * feedback of a product (and the platform's docs), from an index that the bus keeps current (a subscriber per type) and that an admin
 * can rebuild in the background with progress; a restore from a backup rebuilds every product's index.
 */
export const searchModule = defineModule({
  name: 'search',
  containers: SEARCH_CONTAINERS,
  create: ({ store, clock, bus, config, logger }, needs: Needs) => {
    const repo = createSearchRepository(store);
    const entities = createSearchEntities(needs);
    const indexer = createIndexer({
      index: repo.index,
      entities,
      ownerExists: (productId, userId) => needs.users.exists(productId, userId),
    });
    const rebuilds = createRebuilds({
      repo,
      index: repo.index,
      entities,
      indexer,
      clock,
      bus,
      jobs: needs.jobTrigger,
    });
    const productIds = async () => [
      ...new Set([config.defaultProductId, ...(await needs.products.list()).map((p) => p.id)]),
    ];
    const docs = createDocsSync({
      index: repo.index,
      // biome-ignore lint/style/noNonNullAssertion: the registry always declares the doc type.
      entity: entities.find((entity) => entity.type === 'doc')!,
      indexer,
      clock,
      products: productIds,
      ...(logger ? { logger } : {}),
    });
    return {
      service: { ...createSearchService({ index: repo.index, entities, rebuilds }), indexDocs: docs.sync },
      subscribers: [
        ...indexer.subscribers(),
        rebuildAfterRestore({
          rebuilds,
          types: entities.map((entity) => entity.type),
          products: productIds,
        }),
      ],
      jobs: createSearchJobs(rebuilds),
      workers: [docs.worker],
    };
  },
});
