import {
  type Clock,
  type MutateOptions,
  type Stored,
  withoutSystemFields,
} from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../../app-error';
import { randomId } from '../../../lib/crypto';
import { isoNow } from '../../../lib/time';
import type { ItemsRepository } from './repository';
import { ROADMAP_DEFAULTS, withRoadmapDefaults } from './roadmap-defaults';
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

/** What an edit may change; `tracker.item_updated` names those that did. */
const EDITABLE = ['title', 'body', 'tags'] as const;

/** Enough for any realistic burst of votes on one item; each round re-reads, so progress is guaranteed. */
const MAX_COUNTER_ATTEMPTS = 50;

/** A stored item as the service hands it out: without the store's fields, with the roadmap's defaults. */
const clean = (doc: Stored<TTrackerItem>): TTrackerItem => withRoadmapDefaults(withoutSystemFields(doc));

export const createItemsService = (deps: { repo: ItemsRepository; clock: Clock; bus: EventBus }) => {
  const { repo, clock } = deps;

  const notFound = () =>
    new AppError('NOT_FOUND', 'Tracker item not found', { fields: [{ path: 'id', message: 'Not found' }] });

  const mustGet = async (productId: string, id: string): Promise<Stored<TTrackerItem>> => {
    const doc = await repo.get(productId, id);
    if (!doc) throw notFound();
    return doc;
  };

  /** `change` sees the item without the store's fields and returns the next one, or null to leave it. */
  const mutate = async (
    productId: string,
    id: string,
    change: (doc: TTrackerItem) => Promise<TTrackerItem | null> | TTrackerItem | null,
    options?: MutateOptions<TTrackerItem>,
  ): Promise<TTrackerItem> => {
    const mutated = await repo.mutate(productId, id, (current) => change(clean(current)), {
      attempts: MAX_COUNTER_ATTEMPTS,
      ...options,
    });
    if (!mutated) throw notFound();
    return clean(mutated.doc);
  };

  return {
    mustGet: async (productId: string, id: string) => clean(await mustGet(productId, id)),
    async get(productId: string, id: string): Promise<TTrackerItem> {
      return clean(await mustGet(productId, id));
    },
    async list(productId: string, input: TItemListInput) {
      const where = {
        ...(input.kind ? { kind: { eq: input.kind } } : {}),
        ...(input.status ? { status: { eq: input.status } } : {}),
        ...(input.tag ? { tags: { contains: input.tag } } : {}),
        ...(input.authorId ? { authorId: { eq: input.authorId } } : {}),
      };
      const page = await repo.list(productId, where, input.sort ?? 'newest', input.limit ?? 25, input.cursor);
      return { items: page.items.map(clean), nextCursor: page.continuation };
    },
    /**
     * `opts.id` lets a caller that must not create the item twice (feedback converted on a retry) choose it; a
     * taken id is the store's `conflict`.
     */
    async create(
      productId: string,
      input: TItemCreateInput,
      actor: TrackerActor,
      opts: { id?: string } = {},
    ): Promise<TTrackerItem> {
      const now = isoNow(clock);
      const item: TTrackerItem = {
        id: opts.id ?? randomId(9),
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
        ...ROADMAP_DEFAULTS,
      };
      const staged = deps.bus.stage(
        'tracker.item_created',
        { itemId: item.id, kind: item.kind, authorId: item.authorId, title: item.title },
        { productId, actorId: actor.userId },
      );
      return clean(await repo.create(item, staged));
    },
    /** Authors edit their own item while it is open; admins edit any. */
    update: (productId: string, input: TItemUpdateInput, actor: TrackerActor) =>
      mutate(
        productId,
        input.id,
        (doc) => {
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
        },
        {
          outbox: (next, current) => {
            const changes = EDITABLE.filter((field) => String(next[field]) !== String(current[field]));
            return changes.length === 0
              ? undefined
              : deps.bus.stage(
                  'tracker.item_updated',
                  { itemId: next.id, changes },
                  { productId, actorId: actor.userId },
                );
          },
        },
      ),
    triage: (productId: string, input: TItemTriageInput, actorId: string): Promise<TTrackerItem> =>
      mutate(
        productId,
        input.id,
        (doc) => {
          const statusChanges = input.status !== undefined && input.status !== doc.status;
          const priorityChanges = input.priority !== undefined && input.priority !== doc.priority;
          if (!statusChanges && !priorityChanges) return null;
          const now = isoNow(clock);
          return {
            ...doc,
            ...(statusChanges && input.status ? { status: input.status, statusChangedAt: now } : {}),
            ...(priorityChanges && input.priority ? { priority: input.priority } : {}),
            updatedAt: now,
          };
        },
        {
          outbox: (next, current) =>
            next.status === current.status
              ? undefined
              : deps.bus.stage(
                  'tracker.item_status_changed',
                  { itemId: next.id, authorId: next.authorId, from: current.status, to: next.status },
                  { productId, actorId },
                ),
        },
      ),
    async delete(productId: string, id: string, actorId: string, cascade: () => Promise<void>) {
      await mustGet(productId, id);
      await cascade();
      // The thread and votes live in other containers: the event rides on the item's delete, the change a
      // reader sees.
      const staged = deps.bus.stage('tracker.item_deleted', { itemId: id }, { productId, actorId });
      const deleted = await repo.delete(productId, id, staged);
      return { id, deleted };
    },
    /**
     * Sets a counter to a fresh count, read after the item so that the last successful write (ifMatch) saw
     * every vote or comment written before it: exact under any interleaving of concurrent writers.
     */
    recount: (
      productId: string,
      id: string,
      field: 'votes' | 'commentCount' | 'publicCommentCount',
      count: () => Promise<number>,
    ) =>
      // Always written, even when unchanged: skipping would let a concurrent writer's stale count win.
      mutate(productId, id, async (doc) => ({ ...doc, [field]: await count() })),
  };
};

export type ItemsService = ReturnType<typeof createItemsService>;
