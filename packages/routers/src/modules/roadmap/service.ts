import { AppError } from '../../app-error';
import type { ChangelogService } from '../changelog/service';
import type { TTrackerItem } from '../tracker/items/schema';
import type { TrackerActor } from '../tracker/items/service';
import type { TrackerModuleService } from '../tracker/module';
import {
  ROADMAP_STATUS_OF,
  type TRoadmapItemUpdateInput,
  type TSubmissionApproveInput,
  type TSubmissionCreateInput,
  type TSubmissionRejectInput,
} from '../tracker/roadmap/schema';
import type { TMySubmission, TRoadmap, TRoadmapComment, TRoadmapItem, TRoadmapItemDetail } from './schema';

type Deps = {
  tracker: TrackerModuleService;
  changelog: Pick<ChangelogService, 'get'>;
  /** A commenter's display name; undefined once the user is gone. */
  nameOf: (productId: string, userId: string) => Promise<string | undefined>;
  productExists: (productId: string) => Promise<boolean>;
};

type ShippedIn = TRoadmapItem['shippedIn'];

/**
 * The public roadmap over the tracker: anonymous answers (grouped, with each shipped item's changelog entry),
 * end users' submissions, votes and comments, and the admins' moderation. Every public read goes through the
 * tracker's `isPubliclyVisible`.
 */
export const createRoadmapService = (deps: Deps) => {
  const { tracker, changelog } = deps;

  /** The entry's version and title when it is published; a draft or a deleted entry links nothing. */
  const shippedIn = async (productId: string, entryId: string | null): Promise<ShippedIn> => {
    if (!entryId) return null;
    const entry = await changelog.get(productId, entryId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return undefined;
      throw error;
    });
    return entry?.state === 'published' ? { entryId, version: entry.version, title: entry.title } : null;
  };

  const toPublic = (item: TTrackerItem, shipped: ShippedIn): TRoadmapItem => ({
    id: item.id,
    kind: item.kind,
    title: item.publicTitle ?? item.title,
    body: item.publicBody ?? item.body,
    status: ROADMAP_STATUS_OF[item.status] ?? 'planned',
    votes: item.votes,
    commentCount: item.publicCommentCount,
    createdAt: item.createdAt,
    shippedIn: shipped,
  });

  /** 404 for anything a visitor may not see: a hidden item and a missing one answer alike. */
  const visible = (productId: string, itemId: string) => tracker.roadmap.getPublic(productId, itemId);

  return {
    /** The product a visitor names (`?product=`), checked; the context's own when none is named. */
    async productFor(requested: string | undefined, fallback: string): Promise<string> {
      if (!requested || requested === fallback) return fallback;
      if (!(await deps.productExists(requested))) {
        throw new AppError('NOT_FOUND', `Product '${requested}' not found`, {
          fields: [{ path: 'product', message: 'Not found' }],
        });
      }
      return requested;
    },

    async get(productId: string): Promise<TRoadmap> {
      const items = await tracker.roadmap.listPublic(productId);
      const entries = new Map<string, Promise<ShippedIn>>();
      const linked = (id: string | null) => {
        if (!id) return Promise.resolve(null);
        const known = entries.get(id) ?? shippedIn(productId, id);
        entries.set(id, known);
        return known;
      };
      const views = await Promise.all(
        items.map(async (item) =>
          toPublic(item, item.status === 'done' ? await linked(item.changelogEntryId) : null),
        ),
      );
      return {
        productId,
        columns: {
          planned: views.filter((v) => v.status === 'planned'),
          in_progress: views.filter((v) => v.status === 'in_progress'),
          shipped: views.filter((v) => v.status === 'shipped'),
        },
      };
    },

    async getItem(productId: string, id: string): Promise<TRoadmapItemDetail> {
      const item = await visible(productId, id);
      const [shipped, comments] = await Promise.all([
        item.status === 'done' ? shippedIn(productId, item.changelogEntryId) : null,
        tracker.comments.listPublic(productId, id),
      ]);
      const names = new Map<string, Promise<string>>();
      const nameOf = (userId: string) => {
        const known = names.get(userId) ?? deps.nameOf(productId, userId).then((n) => n ?? 'Former user');
        names.set(userId, known);
        return known;
      };
      const thread: TRoadmapComment[] = await Promise.all(
        comments.map(async (c) => ({
          id: c.id,
          parentId: c.parentId,
          authorName: await nameOf(c.authorId),
          body: c.body,
          createdAt: c.createdAt,
        })),
      );
      return { ...toPublic(item, shipped), comments: thread };
    },

    createSubmission: (productId: string, input: TSubmissionCreateInput, userId: string) =>
      tracker.roadmap.submit(productId, input, userId),

    async listSubmissionsMine(productId: string, userId: string): Promise<TMySubmission[]> {
      const items = await tracker.roadmap.listSubmissionsMine(productId, userId);
      return items.flatMap((item) =>
        item.submissionState
          ? [
              {
                id: item.id,
                title: item.title,
                body: item.body,
                submissionState: item.submissionState,
                reason: item.submissionState === 'rejected' ? item.submissionReason : null,
                status: item.public ? (ROADMAP_STATUS_OF[item.status] ?? null) : null,
                createdAt: item.createdAt,
              },
            ]
          : [],
      );
    },

    async toggleVote(productId: string, itemId: string, userId: string, voted?: boolean) {
      await visible(productId, itemId);
      return tracker.votes.toggle(productId, itemId, userId, voted);
    },

    async createComment(
      productId: string,
      input: { itemId: string; parentId?: string; body: string },
      actor: TrackerActor,
    ) {
      await visible(productId, input.itemId);
      const comment = await tracker.comments.create(productId, input, actor, { public: true });
      const name = (await deps.nameOf(productId, actor.userId)) ?? 'Former user';
      return {
        id: comment.id,
        parentId: comment.parentId,
        authorName: name,
        body: comment.body,
        createdAt: comment.createdAt,
      };
    },

    listSubmissions: tracker.roadmap.listSubmissions,
    approve: (productId: string, input: TSubmissionApproveInput, actorId: string) =>
      tracker.roadmap.approve(productId, input, actorId),
    reject: (productId: string, input: TSubmissionRejectInput, actorId: string) =>
      tracker.roadmap.reject(productId, input, actorId),

    /** A changelog link must name an entry of the product (published or not yet). */
    async updateItem(productId: string, input: TRoadmapItemUpdateInput, actorId: string) {
      if (input.changelogEntryId) {
        await changelog.get(productId, input.changelogEntryId).catch((error: unknown) => {
          if (error instanceof AppError && error.code === 'NOT_FOUND') {
            throw new AppError('NOT_FOUND', 'No changelog entry with this id', {
              fields: [{ path: 'changelogEntryId', message: 'Not found' }],
            });
          }
          throw error;
        });
      }
      return tracker.roadmap.update(productId, input, actorId);
    },
  };
};

export type RoadmapService = ReturnType<typeof createRoadmapService>;
