import type { Clock, MutateOptions, Stored } from '@bytelyst/db/document-store';
import { withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../../app-error';
import { randomId } from '../../../lib/crypto';
import { isoNow } from '../../../lib/time';
import type { ItemsRepository } from '../items/repository';
import { ROADMAP_DEFAULTS, withRoadmapDefaults } from '../items/roadmap-defaults';
import type { TSubmissionState, TTrackerItem } from '../items/schema';
import {
  ITEM_STATUS_FOR,
  isPubliclyVisible,
  type TRoadmapItemUpdateInput,
  type TSubmissionApproveInput,
  type TSubmissionCreateInput,
  type TSubmissionRejectInput,
} from './schema';

/** The most public items one roadmap answer carries (most voted first). */
export const PUBLIC_ITEMS_MAX = 500;

const clean = (doc: Stored<TTrackerItem>): TTrackerItem => withRoadmapDefaults(withoutSystemFields(doc));

const notFound = () =>
  new AppError('NOT_FOUND', 'Tracker item not found', { fields: [{ path: 'id', message: 'Not found' }] });

/**
 * The tracker's side of the public roadmap: end users' submissions, their moderation, and what is public. The
 * roadmap module (which also sees the changelog) builds the public answers from these.
 */
export const createRoadmapTrackerService = (deps: { repo: ItemsRepository; clock: Clock; bus: EventBus }) => {
  const { repo, clock, bus } = deps;

  const mutate = async (
    productId: string,
    id: string,
    change: (doc: TTrackerItem) => TTrackerItem | null,
    options: MutateOptions<TTrackerItem>,
  ): Promise<TTrackerItem> => {
    const mutated = await repo.mutate(productId, id, (current) => change(clean(current)), options);
    if (!mutated) throw notFound();
    return clean(mutated.doc);
  };

  const mustBePending = (doc: TTrackerItem) => {
    if (doc.submissionState !== 'pending') {
      throw new AppError('CONFLICT', 'Only a pending submission can be moderated', {
        fields: [{ path: 'id', message: `Submission is ${doc.submissionState ?? 'not a submission'}` }],
      });
    }
  };

  return {
    /** A feature suggested by an end user: a tracker item, pending, not public. */
    async submit(productId: string, input: TSubmissionCreateInput, authorId: string): Promise<TTrackerItem> {
      const now = isoNow(clock);
      const item: TTrackerItem = {
        id: randomId(9),
        productId,
        kind: 'feature',
        title: input.title,
        body: input.body,
        status: 'open',
        priority: 'medium',
        tags: [],
        authorId,
        votes: 0,
        commentCount: 0,
        createdAt: now,
        updatedAt: now,
        statusChangedAt: null,
        ...ROADMAP_DEFAULTS,
        submissionState: 'pending',
      };
      const meta = { productId, actorId: authorId };
      const staged = bus
        .stage(
          'tracker.item_created',
          { itemId: item.id, kind: item.kind, authorId, title: item.title },
          meta,
        )
        .and('roadmap.submitted', { itemId: item.id, authorId, title: item.title }, meta);
      return clean(await repo.create(item, staged));
    },

    /** Submissions in one state (default pending), newest first. */
    async listSubmissions(
      productId: string,
      input: { state?: TSubmissionState; limit?: number; cursor?: string },
    ) {
      const page = await repo.list(
        productId,
        { submissionState: { eq: input.state ?? 'pending' } },
        'newest',
        input.limit ?? 25,
        input.cursor,
      );
      return { items: page.items.map(clean), nextCursor: page.continuation };
    },

    /** The caller's own submissions in every state, with a rejection's reason. */
    async listSubmissionsMine(productId: string, userId: string) {
      const page = await repo.list(
        productId,
        { authorId: { eq: userId }, submissionState: { in: ['pending', 'approved', 'rejected'] } },
        'newest',
        100,
      );
      return page.items.map(clean);
    },

    approve: (productId: string, input: TSubmissionApproveInput, actorId: string) =>
      mutate(
        productId,
        input.id,
        (doc) => {
          mustBePending(doc);
          const now = isoNow(clock);
          const status = ITEM_STATUS_FOR[input.status];
          return {
            ...doc,
            submissionState: 'approved',
            public: true,
            status,
            statusChangedAt: status === doc.status ? doc.statusChangedAt : now,
            ...(input.publicTitle !== undefined ? { publicTitle: input.publicTitle } : {}),
            ...(input.publicBody !== undefined ? { publicBody: input.publicBody } : {}),
            moderatedBy: actorId,
            moderatedAt: now,
            updatedAt: now,
          };
        },
        {
          outbox: (next, current) => {
            const meta = { productId, actorId };
            const staged = bus.stage(
              'roadmap.approved',
              { itemId: next.id, authorId: next.authorId, status: input.status },
              meta,
            );
            return next.status === current.status
              ? staged
              : staged.and(
                  'tracker.item_status_changed',
                  { itemId: next.id, authorId: next.authorId, from: current.status, to: next.status },
                  meta,
                );
          },
        },
      ),

    reject: (productId: string, input: TSubmissionRejectInput, actorId: string) =>
      mutate(
        productId,
        input.id,
        (doc) => {
          mustBePending(doc);
          const now = isoNow(clock);
          return {
            ...doc,
            submissionState: 'rejected',
            submissionReason: input.reason,
            public: false,
            moderatedBy: actorId,
            moderatedAt: now,
            updatedAt: now,
          };
        },
        {
          outbox: (next) =>
            bus.stage(
              'roadmap.rejected',
              { itemId: next.id, authorId: next.authorId, reason: input.reason },
              { productId, actorId },
            ),
        },
      ),

    /** An admin's change to the public face; a submission is made public by approving it, never here. */
    update: (productId: string, input: TRoadmapItemUpdateInput, actorId: string) =>
      mutate(
        productId,
        input.id,
        (doc) => {
          if (
            input.public === true &&
            (doc.submissionState === 'pending' || doc.submissionState === 'rejected')
          ) {
            throw new AppError(
              'CONFLICT',
              `A ${doc.submissionState} submission is made public by approving it`,
              {
                fields: [{ path: 'public', message: `Submission is ${doc.submissionState}` }],
              },
            );
          }
          const next: TTrackerItem = {
            ...doc,
            ...(input.public !== undefined ? { public: input.public } : {}),
            ...(input.publicTitle !== undefined ? { publicTitle: input.publicTitle } : {}),
            ...(input.publicBody !== undefined ? { publicBody: input.publicBody } : {}),
            ...(input.changelogEntryId !== undefined ? { changelogEntryId: input.changelogEntryId } : {}),
          };
          const changed = PUBLIC_FIELDS.some((field) => next[field] !== doc[field]);
          return changed ? { ...next, updatedAt: isoNow(clock) } : null;
        },
        {
          outbox: (next, current) =>
            bus.stage(
              'roadmap.item_updated',
              {
                itemId: next.id,
                public: next.public,
                changes: PUBLIC_FIELDS.filter((field) => next[field] !== withRoadmapDefaults(current)[field]),
              },
              { productId, actorId },
            ),
        },
      ),

    /** Every item anonymous visitors may see, most voted first. */
    async listPublic(productId: string): Promise<TTrackerItem[]> {
      const page = await repo.list(productId, { public: { eq: true } }, 'votes', PUBLIC_ITEMS_MAX);
      return page.items.map(clean).filter(isPubliclyVisible);
    },

    /** One public item; anything else is not found, so a visitor cannot tell a hidden item from none. */
    async getPublic(productId: string, id: string): Promise<TTrackerItem> {
      const doc = await repo.get(productId, id);
      const item = doc ? clean(doc) : undefined;
      if (!item || !isPubliclyVisible(item)) throw notFound();
      return item;
    },
  };
};

const PUBLIC_FIELDS = ['public', 'publicTitle', 'publicBody', 'changelogEntryId'] as const;

export type RoadmapTrackerService = ReturnType<typeof createRoadmapTrackerService>;
