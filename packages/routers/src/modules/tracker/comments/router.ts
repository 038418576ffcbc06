import { rest } from '../../../lib/openapi';
import { adminProcedure, authedProcedure, router } from '../../../trpc';
import {
  ZComment,
  ZCommentCreateInput,
  ZCommentIdInput,
  ZCommentListInput,
  ZCommentListOutput,
  ZCommentUpdateInput,
} from './schema';

const tag = 'tracker';

export const commentsRouter = router({
  list: authedProcedure
    .meta(
      rest('GET', '/tracker/items/{itemId}/comments', {
        tag,
        summary:
          "An item's comments in creation order, flat with parentId and depth (build the tree client-side)",
      }),
    )
    .input(ZCommentListInput)
    .output(ZCommentListOutput)
    .query(({ ctx, input }) => ctx.services.tracker.comments.list(ctx.productId, input)),
  create: authedProcedure
    .meta(
      rest('POST', '/tracker/items/{itemId}/comments', {
        tag,
        summary: 'Comment on an item, or reply to a comment (parentId), up to 5 levels deep',
      }),
    )
    .input(ZCommentCreateInput)
    .output(ZComment)
    .mutation(({ ctx, input }) => ctx.services.tracker.comments.create(ctx.productId, input, ctx.principal)),
  update: authedProcedure
    .meta(rest('PATCH', '/tracker/comments/{id}', { tag, summary: 'Edit your own comment' }))
    .input(ZCommentUpdateInput)
    .output(ZComment)
    .mutation(({ ctx, input }) => ctx.services.tracker.comments.update(ctx.productId, input, ctx.principal)),
  delete: authedProcedure
    .meta(
      rest('DELETE', '/tracker/comments/{id}', {
        tag,
        summary: 'Delete a comment (its author or an admin); replies keep their place in the thread',
      }),
    )
    .input(ZCommentIdInput)
    .output(ZComment)
    .mutation(({ ctx, input }) =>
      ctx.services.tracker.comments.delete(ctx.productId, input.id, ctx.principal),
    ),
  /** Moderation from the console: the same soft delete, written to the audit log with the comment as target. */
  moderate: adminProcedure
    .meta(
      rest('POST', '/tracker/comments/{id}/remove', {
        tag,
        summary: "Remove anyone's comment as an admin (audited); replies keep their place in the thread",
        targetType: 'tracker_comment',
      }),
    )
    .input(ZCommentIdInput)
    .output(ZComment)
    .mutation(({ ctx, input }) =>
      ctx.services.tracker.comments.delete(ctx.productId, input.id, ctx.principal),
    ),
});
