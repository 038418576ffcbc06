import { rest } from '../../../lib/openapi';
import { authedProcedure, router } from '../../../trpc';
import { ZMyVotesInput, ZMyVotesOutput, ZVoteInput, ZVoteOutput } from './schema';

const tag = 'tracker';

export const votesRouter = router({
  vote: authedProcedure
    .meta(rest('POST', '/tracker/items/{itemId}/vote', { tag, summary: 'Vote for an item (idempotent)' }))
    .input(ZVoteInput)
    .output(ZVoteOutput)
    .mutation(({ ctx, input }) =>
      ctx.services.tracker.votes.vote(ctx.productId, input.itemId, ctx.principal.userId),
    ),
  unvote: authedProcedure
    .meta(
      rest('DELETE', '/tracker/items/{itemId}/vote', { tag, summary: 'Take your vote back (idempotent)' }),
    )
    .input(ZVoteInput)
    .output(ZVoteOutput)
    .mutation(({ ctx, input }) =>
      ctx.services.tracker.votes.unvote(ctx.productId, input.itemId, ctx.principal.userId),
    ),
  listMine: authedProcedure
    .meta(
      rest('POST', '/tracker/votes/mine', {
        tag,
        summary: 'The items you voted for, optionally only among the given item ids',
      }),
    )
    .input(ZMyVotesInput.optional())
    .output(ZMyVotesOutput)
    .query(({ ctx, input }) =>
      ctx.services.tracker.votes.mine(ctx.productId, ctx.principal.userId, input ?? {}),
    ),
});
