import type { ModuleDeps } from '../../module-deps';
import { createCommentsRepository } from './comments/repository';
import { createCommentsService } from './comments/service';
import { createItemsRepository } from './items/repository';
import { createItemsService } from './items/service';
import { createVotesRepository } from './votes/repository';
import { createVotesService } from './votes/service';

/** Tracker (roadmap §1.1 content): items, their threaded comments and one vote per user per item. */
export const createTrackerModule = (deps: ModuleDeps) => {
  const items = createItemsService({
    repo: createItemsRepository(deps.store),
    clock: deps.clock,
    bus: deps.bus,
  });
  const comments = createCommentsService({
    repo: createCommentsRepository(deps.store),
    items,
    clock: deps.clock,
    bus: deps.bus,
  });
  const votes = createVotesService({ repo: createVotesRepository(deps.store), items, clock: deps.clock });
  return {
    items,
    comments,
    votes,
    /** The item with its thread and votes. */
    deleteItem: (productId: string, id: string, actorId: string) =>
      items.delete(productId, id, actorId, async () => {
        await comments.purgeItem(productId, id);
        await votes.purgeItem(productId, id);
      }),
  };
};

export type TrackerModule = ReturnType<typeof createTrackerModule>;
