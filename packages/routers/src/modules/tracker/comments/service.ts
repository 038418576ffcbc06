import { type Clock, type Stored, withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../../app-error';
import { randomId } from '../../../lib/crypto';
import { isoNow } from '../../../lib/time';
import type { ItemsService, TrackerActor } from '../items/service';
import { isAdmin } from '../items/service';
import type { CommentsRepository } from './repository';
import {
  MAX_COMMENT_DEPTH,
  type TComment,
  type TCommentCreateInput,
  type TCommentListInput,
  type TCommentUpdateInput,
} from './schema';

export const createCommentsService = (deps: {
  repo: CommentsRepository;
  items: ItemsService;
  clock: Clock;
  bus: EventBus;
}) => {
  const { repo, clock, items } = deps;

  const mustGet = async (productId: string, id: string): Promise<Stored<TComment>> => {
    const doc = await repo.get(productId, id);
    if (!doc)
      throw new AppError('NOT_FOUND', 'Comment not found', {
        fields: [{ path: 'id', message: 'Not found' }],
      });
    return doc;
  };

  const recount = async (productId: string, itemId: string, isPublic: boolean) => {
    await items.recount(productId, itemId, 'commentCount', () => repo.countVisible(productId, itemId));
    if (isPublic) {
      await items.recount(productId, itemId, 'publicCommentCount', () =>
        repo.countVisible(productId, itemId, { public: true }),
      );
    }
  };

  return {
    async list(productId: string, input: TCommentListInput) {
      await items.mustGet(productId, input.itemId);
      const page = await repo.listByItem(productId, input.itemId, input.limit ?? 200, input.cursor);
      return { items: page.items.map(withoutSystemFields), nextCursor: page.continuation };
    },
    /** `opts.public`: posted on the public roadmap, so shown there. */
    async create(
      productId: string,
      input: TCommentCreateInput,
      actor: TrackerActor,
      opts: { public?: boolean } = {},
    ): Promise<TComment> {
      await items.mustGet(productId, input.itemId);
      let depth = 0;
      if (input.parentId !== undefined) {
        const parent = await repo.get(productId, input.parentId);
        const field = (message: string) => ({ fields: [{ path: 'parentId', message }] });
        if (!parent || parent.itemId !== input.itemId) {
          throw new AppError('NOT_FOUND', 'Parent comment not found on this item', field('Not found'));
        }
        if (parent.deletedAt)
          throw new AppError('CONFLICT', 'Cannot reply to a deleted comment', field('Deleted'));
        depth = parent.depth + 1;
        if (depth >= MAX_COMMENT_DEPTH) {
          throw new AppError(
            'BAD_REQUEST',
            `Replies nest at most ${MAX_COMMENT_DEPTH} levels deep`,
            field('Thread too deep'),
          );
        }
      }
      const now = isoNow(clock);
      const comment: TComment = {
        id: randomId(9),
        productId,
        itemId: input.itemId,
        parentId: input.parentId ?? null,
        depth,
        authorId: actor.userId,
        body: input.body,
        createdAt: now,
        updatedAt: now,
        editedAt: null,
        deletedAt: null,
        public: opts.public === true,
      };
      // The item's count lives in another container and is recounted after: the event rides on the comment.
      const staged = deps.bus.stage(
        'tracker.comment_created',
        { commentId: comment.id, itemId: comment.itemId, parentId: comment.parentId, authorId: actor.userId },
        { productId, actorId: actor.userId },
      );
      const saved = withoutSystemFields(await repo.create(comment, staged));
      await recount(productId, input.itemId, comment.public);
      return saved;
    },
    async update(productId: string, input: TCommentUpdateInput, actor: TrackerActor): Promise<TComment> {
      const doc = await mustGet(productId, input.id);
      if (doc.authorId !== actor.userId)
        throw new AppError('FORBIDDEN', 'Only the author can edit this comment');
      if (doc.deletedAt) throw new AppError('CONFLICT', 'A deleted comment cannot be edited');
      const now = isoNow(clock);
      return withoutSystemFields(
        await repo.replace(
          { ...withoutSystemFields(doc), body: input.body, editedAt: now, updatedAt: now },
          doc._etag,
        ),
      );
    },
    /** Soft: the body goes, the comment stays as a placeholder so its replies keep their place. */
    async delete(productId: string, id: string, actor: TrackerActor): Promise<TComment> {
      const doc = await mustGet(productId, id);
      const byAdmin = doc.authorId !== actor.userId;
      if (byAdmin && !isAdmin(actor))
        throw new AppError('FORBIDDEN', 'Only the author or an admin can delete this');
      if (doc.deletedAt) return withoutSystemFields(doc);
      const now = isoNow(clock);
      const staged = deps.bus.stage(
        'tracker.comment_deleted',
        { commentId: id, itemId: doc.itemId, byAdmin },
        { productId, actorId: actor.userId },
      );
      const saved = withoutSystemFields(
        await repo.replace(
          { ...withoutSystemFields(doc), body: '', deletedAt: now, updatedAt: now },
          doc._etag,
          staged,
        ),
      );
      await recount(productId, doc.itemId, doc.public === true);
      return saved;
    },
    /** An item's public thread, oldest first (the roadmap's item page). */
    async listPublic(productId: string, itemId: string): Promise<TComment[]> {
      const page = await repo.listPublicByItem(productId, itemId, 500);
      return page.items.map(withoutSystemFields);
    },
    /** Hard delete of an item's whole thread (the item itself is going). */
    async purgeItem(productId: string, itemId: string): Promise<void> {
      for (;;) {
        const page = await repo.listByItem(productId, itemId, 200);
        if (page.items.length === 0) return;
        for (const c of page.items) await repo.delete(productId, c.id);
      }
    },
  };
};

export type CommentsService = ReturnType<typeof createCommentsService>;
