import { defineModule } from '../../module';
import { createCommentsRepository } from './comments/repository';
import { createCommentsService } from './comments/service';
import { TRACKER_CONTAINERS } from './containers';
import { createItemsRepository } from './items/repository';
import { createItemsService } from './items/service';
import { createRoadmapTrackerService } from './roadmap/service';
import { createVotesRepository } from './votes/repository';
import { createVotesService } from './votes/service';

/** Tracker: items, their threaded comments and one vote per user per item. */
export const trackerModule = defineModule({
  name: 'tracker',
  containers: TRACKER_CONTAINERS,
  create: ({ store, clock, bus }) => {
    const itemsRepo = createItemsRepository(store);
    const items = createItemsService({ repo: itemsRepo, clock, bus });
    const comments = createCommentsService({ repo: createCommentsRepository(store), items, clock, bus });
    const votes = createVotesService({ repo: createVotesRepository(store), items, clock });
    const roadmap = createRoadmapTrackerService({ repo: itemsRepo, clock, bus });
    return {
      service: {
        items,
        comments,
        votes,
        /** Submissions, moderation and what is public, for the roadmap module. */
        roadmap,
        /** The item with its thread and votes. */
        deleteItem: (productId: string, id: string, actorId: string) =>
          items.delete(productId, id, actorId, async () => {
            await comments.purgeItem(productId, id);
            await votes.purgeItem(productId, id);
          }),
      },
    };
  },
});

export type TrackerModuleService = ReturnType<typeof trackerModule.create>['service'];
