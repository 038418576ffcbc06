import { type Clock, isStoreError } from '@bytelyst/db/document-store';
import { isoNow } from '../../../lib/time';
import type { ItemsService } from '../items/service';
import { type VotesRepository, voteId } from './repository';
import type { TMyVotesInput, TVoteOutput } from './schema';

export const createVotesService = (deps: { repo: VotesRepository; items: ItemsService; clock: Clock }) => {
  const { repo, items } = deps;
  const recount = (productId: string, itemId: string) =>
    items.recount(productId, itemId, 'votes', () => repo.countFor(productId, itemId));

  return {
    /** Idempotent: a second vote by the same user changes nothing. */
    async vote(productId: string, itemId: string, userId: string): Promise<TVoteOutput> {
      await items.mustGet(productId, itemId);
      try {
        await repo.create({
          id: voteId(itemId, userId),
          productId,
          targetId: itemId,
          userId,
          createdAt: isoNow(deps.clock),
        });
      } catch (error) {
        if (!isStoreError(error, 'conflict')) throw error;
      }
      const item = await recount(productId, itemId);
      return { itemId, voted: true, votes: item.votes };
    },
    async unvote(productId: string, itemId: string, userId: string): Promise<TVoteOutput> {
      await items.mustGet(productId, itemId);
      await repo.delete(productId, voteId(itemId, userId));
      const item = await recount(productId, itemId);
      return { itemId, voted: false, votes: item.votes };
    },
    /**
     * Sets the caller's vote to `voted`, or flips it when `voted` is absent. The vote's id is `itemId:userId`,
     * so the store's create conflict is what keeps it to one vote however many requests race: of two flips at
     * once one creates and the other, finding it, deletes; the count is recounted after either.
     */
    async toggle(productId: string, itemId: string, userId: string, voted?: boolean): Promise<TVoteOutput> {
      await items.mustGet(productId, itemId);
      let now = voted ?? true;
      if (now) {
        try {
          await repo.create({
            id: voteId(itemId, userId),
            productId,
            targetId: itemId,
            userId,
            createdAt: isoNow(deps.clock),
          });
        } catch (error) {
          if (!isStoreError(error, 'conflict')) throw error;
          // Already voted: a flip takes it back, an explicit `voted: true` leaves it.
          if (voted === undefined) now = false;
        }
      }
      if (!now) await repo.delete(productId, voteId(itemId, userId));
      const item = await recount(productId, itemId);
      return { itemId, voted: now, votes: item.votes };
    },
    async mine(productId: string, userId: string, input: TMyVotesInput) {
      const where = {
        userId: { eq: userId },
        ...(input.itemIds ? { targetId: { in: input.itemIds } } : {}),
      };
      const page = await repo.listByUser(productId, where, input.limit ?? 100, input.cursor);
      return {
        items: page.items.map((v) => ({ itemId: v.targetId, createdAt: v.createdAt })),
        nextCursor: page.continuation,
      };
    },
    async purgeItem(productId: string, itemId: string): Promise<void> {
      for (;;) {
        const page = await repo.listFor(productId, itemId, 500);
        if (page.items.length === 0) return;
        for (const v of page.items) await repo.delete(productId, v.id);
      }
    },
  };
};

export type VotesService = ReturnType<typeof createVotesService>;
