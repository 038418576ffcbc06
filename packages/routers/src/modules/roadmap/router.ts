import { z } from 'zod';
import { rest } from '../../lib/openapi';
import { adminProcedure, authedProcedure, publicProcedure, router } from '../../trpc';
import { ZItemListOutput, ZTrackerItem } from '../tracker/items/schema';
import {
  ZRoadmapItemUpdateInput,
  ZSubmissionApproveInput,
  ZSubmissionCreateInput,
  ZSubmissionRejectInput,
} from '../tracker/roadmap/schema';
import { ZVoteOutput } from '../tracker/votes/schema';
import {
  ZMySubmission,
  ZRoadmap,
  ZRoadmapComment,
  ZRoadmapCommentInput,
  ZRoadmapGetInput,
  ZRoadmapItemDetail,
  ZRoadmapItemInput,
  ZRoadmapVoteInput,
  ZSubmissionListInput,
} from './schema';

const tag = 'roadmap';
const targetType = 'tracker_item';

/**
 * The public roadmap. `GET /v1/public/roadmap` and `GET /v1/public/roadmap/items/{id}` are declared here and
 * answered by the plain routes of the same paths (routes.ts), which can answer 304; both call the same service.
 */
export const roadmapRouter = router({
  get: publicProcedure
    .meta(
      rest('GET', '/public/roadmap', {
        tag,
        summary: 'The public roadmap: public tracker items in three columns, most voted first',
        description:
          'Anonymous. The product is `?product=` (or `?productId=`), else the x-product-id header, else the ' +
          'default product. Columns: planned (tracker status open or planned), in_progress, shipped (done, ' +
          'with the published changelog entry that shipped it); closed items, drafts (not public) and pending ' +
          'or rejected submissions never appear. A strong ETag and `Cache-Control: public, max-age=15, ' +
          'must-revalidate` (votes move, so the window is short): If-None-Match answers 304 while nothing shown changed.',
      }),
    )
    .input(ZRoadmapGetInput.optional())
    .output(ZRoadmap)
    .query(async ({ ctx, input }) =>
      ctx.services.roadmap.get(await ctx.services.roadmap.productFor(input?.product, ctx.productId)),
    ),
  getItem: publicProcedure
    .meta(
      rest('GET', '/public/roadmap/items/{id}', {
        tag,
        summary: 'One public roadmap item with its public comments (404 for anything not public)',
      }),
    )
    .input(ZRoadmapItemInput)
    .output(ZRoadmapItemDetail)
    .query(async ({ ctx, input }) =>
      ctx.services.roadmap.getItem(
        await ctx.services.roadmap.productFor(input.product, ctx.productId),
        input.id,
      ),
    ),
  createSubmission: authedProcedure
    .meta(
      rest('POST', '/roadmap/submissions', {
        tag,
        summary: 'Suggest a feature; it is public only once an admin approves it (10 an hour per user)',
      }),
    )
    .input(ZSubmissionCreateInput)
    .output(ZTrackerItem)
    .mutation(({ ctx, input }) =>
      ctx.services.roadmap.createSubmission(ctx.productId, input, ctx.principal.userId),
    ),
  listSubmissionsMine: authedProcedure
    .meta(
      rest('GET', '/roadmap/submissions/mine', {
        tag,
        summary: "The caller's suggestions with their state (pending, approved, rejected with the reason)",
      }),
    )
    .output(z.object({ items: z.array(ZMySubmission) }))
    .query(async ({ ctx }) => ({
      items: await ctx.services.roadmap.listSubmissionsMine(ctx.productId, ctx.principal.userId),
    })),
  toggleVote: authedProcedure
    .meta(
      rest('POST', '/roadmap/items/{itemId}/vote', {
        tag,
        summary: "Flip the caller's vote on a public item, or set it with `voted` (one vote per user)",
      }),
    )
    .input(ZRoadmapVoteInput)
    .output(ZVoteOutput)
    .mutation(({ ctx, input }) =>
      ctx.services.roadmap.toggleVote(ctx.productId, input.itemId, ctx.principal.userId, input.voted),
    ),
  createComment: authedProcedure
    .meta(
      rest('POST', '/roadmap/items/{itemId}/comments', {
        tag,
        summary: 'Comment on a public item; shown at once, and admins can remove it',
      }),
    )
    .input(ZRoadmapCommentInput)
    .output(ZRoadmapComment)
    .mutation(({ ctx, input }) => ctx.services.roadmap.createComment(ctx.productId, input, ctx.principal)),
  listSubmissions: adminProcedure
    .meta(
      rest('GET', '/roadmap/submissions', {
        tag,
        summary: 'The moderation queue: submissions in one state (default pending), newest first',
      }),
    )
    .input(ZSubmissionListInput.optional())
    .output(ZItemListOutput)
    .query(({ ctx, input }) => ctx.services.roadmap.listSubmissions(ctx.productId, input ?? {})),
  approve: adminProcedure
    .meta(
      rest('POST', '/roadmap/submissions/{id}/approve', {
        tag,
        summary: 'Approve a pending submission: public on the roadmap in the chosen column',
        targetType,
      }),
    )
    .input(ZSubmissionApproveInput)
    .output(ZTrackerItem)
    .mutation(({ ctx, input }) => ctx.services.roadmap.approve(ctx.productId, input, ctx.principal.userId)),
  reject: adminProcedure
    .meta(
      rest('POST', '/roadmap/submissions/{id}/reject', {
        tag,
        summary: 'Reject a pending submission with a reason its author sees',
        targetType,
      }),
    )
    .input(ZSubmissionRejectInput)
    .output(ZTrackerItem)
    .mutation(({ ctx, input }) => ctx.services.roadmap.reject(ctx.productId, input, ctx.principal.userId)),
  updateItem: adminProcedure
    .meta(
      rest('PATCH', '/roadmap/items/{id}', {
        tag,
        summary:
          "Change a tracker item's public face: shown or hidden, public title and text, the changelog entry that shipped it",
        targetType,
      }),
    )
    .input(ZRoadmapItemUpdateInput)
    .output(ZTrackerItem)
    .mutation(({ ctx, input }) =>
      ctx.services.roadmap.updateItem(ctx.productId, input, ctx.principal.userId),
    ),
});
