import { type Clock, isStoreError, type Stored } from '@bytelyst/db/document-store';
import type { DurableBus } from '@bytelyst/events/durable-bus';
import { AppError } from '../../../app-error';
import { randomId } from '../../../lib/crypto';
import { isoNow } from '../../../lib/time';
import type { ItemsRepository } from './repository';
import type {
  TItemCreateInput,
  TItemListInput,
  TItemTriageInput,
  TItemUpdateInput,
  TTrackerItem,
} from './schema';

export type TrackerActor = { userId: string; roles: readonly string[] };

export const isAdmin = (actor: TrackerActor): boolean =>
  actor.roles.includes('admin') || actor.roles.includes('super_admin');

/** Enough for any realistic burst of votes on one item; each retry re-reads, so progress is guaranteed. */
const MAX_COUNTER_ATTEMPTS = 50;

const strip = ({ _etag, _ts, ttl, ...doc }: Stored<TTrackerItem>): TTrackerItem => doc;

export const createItemsService = (deps: {
  repo: ItemsRepository;
  clock: Clock;
  random: () => number;
  bus: DurableBus;
}) => {
  const { repo, clock } = deps;

  const mustGet = async (productId: string, id: string): Promise<Stored<TTrackerItem>> => {
    const doc = await repo.get(productId, id);
    if (!doc)
      throw new AppError('NOT_FOUND', 'Tracker item not found', {
        fields: [{ path: 'id', message: 'Not found' }],
      });
    return doc;
  };

  /** Read-modify-write with ifMatch; a concurrent writer makes it re-read and apply `change` again. */
  const mutate = async (
    productId: string,
    id: string,
    change: (doc: TTrackerItem) => Promise<TTrackerItem | undefined> | TTrackerItem | undefined,
  ): Promise<TTrackerItem> => {
    for (let attempt = 1; ; attempt++) {
      const current = await mustGet(productId, id);
      const next = await change(strip(current));
      if (next === undefined) return strip(current);
      try {
        return strip(await repo.replace(next, current._etag));
      } catch (error) {
        if (!isStoreError(error, 'precondition_failed') || attempt >= MAX_COUNTER_ATTEMPTS) throw error;
        // Jitter spreads retrying writers apart so a hot item converges quickly.
        await new Promise((resolve) =>
          setTimeout(resolve, Math.floor(deps.random() * Math.min(attempt, 10))),
        );
      }
    }
  };

  return {
    mustGet: async (productId: string, id: string) => strip(await mustGet(productId, id)),
    async get(productId: string, id: string): Promise<TTrackerItem> {
      return strip(await mustGet(productId, id));
    },
    async list(productId: string, input: TItemListInput) {
      const where = {
        ...(input.kind ? { kind: { eq: input.kind } } : {}),
        ...(input.status ? { status: { eq: input.status } } : {}),
        ...(input.tag ? { tags: { contains: input.tag } } : {}),
        ...(input.authorId ? { authorId: { eq: input.authorId } } : {}),
      };
      const page = await repo.list(productId, where, input.sort ?? 'newest', input.limit ?? 25, input.cursor);
      return { items: page.items.map(strip), nextCursor: page.continuation };
    },
    async create(productId: string, input: TItemCreateInput, actor: TrackerActor): Promise<TTrackerItem> {
      const now = isoNow(clock);
      const item = strip(
        await repo.create({
          id: randomId(9),
          productId,
          kind: input.kind,
          title: input.title,
          body: input.body,
          status: 'open',
          priority: 'medium',
          tags: input.tags,
          authorId: actor.userId,
          votes: 0,
          commentCount: 0,
          createdAt: now,
          updatedAt: now,
          statusChangedAt: null,
        }),
      );
      await deps.bus.emit(
        'tracker.item_created',
        { itemId: item.id, kind: item.kind, authorId: item.authorId, title: item.title },
        { productId, actorId: actor.userId },
      );
      return item;
    },
    /** Authors edit their own item while it is open; admins edit any. */
    update: (productId: string, input: TItemUpdateInput, actor: TrackerActor) =>
      mutate(productId, input.id, (doc) => {
        if (!isAdmin(actor)) {
          if (doc.authorId !== actor.userId)
            throw new AppError('FORBIDDEN', 'Only the author can edit this item');
          if (doc.status !== 'open') {
            throw new AppError('CONFLICT', 'The item can no longer be edited: it is not open', {
              fields: [{ path: 'status', message: `Item is ${doc.status}` }],
            });
          }
        }
        return {
          ...doc,
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(input.body !== undefined ? { body: input.body } : {}),
          ...(input.tags !== undefined ? { tags: input.tags } : {}),
          updatedAt: isoNow(clock),
        };
      }),
    async triage(productId: string, input: TItemTriageInput, actorId: string): Promise<TTrackerItem> {
      let from: TTrackerItem['status'] | undefined;
      const item = await mutate(productId, input.id, (doc) => {
        from = doc.status;
        const statusChanges = input.status !== undefined && input.status !== doc.status;
        const priorityChanges = input.priority !== undefined && input.priority !== doc.priority;
        if (!statusChanges && !priorityChanges) return undefined;
        const now = isoNow(clock);
        return {
          ...doc,
          ...(statusChanges && input.status ? { status: input.status, statusChangedAt: now } : {}),
          ...(priorityChanges && input.priority ? { priority: input.priority } : {}),
          updatedAt: now,
        };
      });
      if (from !== undefined && from !== item.status) {
        await deps.bus.emit(
          'tracker.item_status_changed',
          { itemId: item.id, authorId: item.authorId, from, to: item.status },
          { productId, actorId },
        );
      }
      return item;
    },
    async delete(productId: string, id: string, actorId: string, cascade: () => Promise<void>) {
      await mustGet(productId, id);
      await cascade();
      const deleted = await repo.delete(productId, id);
      if (deleted) await deps.bus.emit('tracker.item_deleted', { itemId: id }, { productId, actorId });
      return { id, deleted };
    },
    /**
     * Sets a counter to a fresh count, read after the item so that the last successful write (ifMatch) saw
     * every vote or comment written before it: exact under any interleaving of concurrent writers.
     */
    recount: (productId: string, id: string, field: 'votes' | 'commentCount', count: () => Promise<number>) =>
      // Always written, even when unchanged: skipping would let a concurrent writer's stale count win.
      mutate(productId, id, async (doc) => ({ ...doc, [field]: await count() })),
  };
};

export type ItemsService = ReturnType<typeof createItemsService>;
