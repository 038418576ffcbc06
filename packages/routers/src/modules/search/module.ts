import type { JobTrigger } from '../../lib/job-trigger';
import { defineModule } from '../../module';
import { rebuildAfterRestore } from './after-restore';
import { SEARCH_CONTAINERS } from './containers';
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
 * feedback of a product, from an index that the bus keeps current (a subscriber per type) and that an admin
 * can rebuild in the background with progress; a restore from a backup rebuilds every product's index.
 */
export const searchModule = defineModule({
  name: 'search',
  containers: SEARCH_CONTAINERS,
  create: ({ store, clock, bus, config }, needs: Needs) => {
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
    return {
      service: createSearchService({ index: repo.index, entities, rebuilds }),
      subscribers: [
        ...indexer.subscribers(),
        rebuildAfterRestore({
          rebuilds,
          types: entities.map((entity) => entity.type),
          products: async () => [
            ...new Set([config.defaultProductId, ...(await needs.products.list()).map((p) => p.id)]),
          ],
        }),
      ],
      jobs: createSearchJobs(rebuilds),
    };
  },
});
