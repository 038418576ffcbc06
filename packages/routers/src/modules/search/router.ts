import { z } from 'zod';
import { rest } from '../../lib/openapi';
import { adminProcedure, router } from '../../trpc';
import {
  ZRebuild,
  ZRebuildIdInput,
  ZRebuildInput,
  ZSearchInput,
  ZSearchOutput,
  ZSearchStats,
} from './schema';

const tag = 'search';

export const searchRouter = router({
  query: adminProcedure
    .meta(
      rest('GET', '/search', {
        tag,
        summary: 'Search users, tracker items, audit entries and feedback of the product',
        description:
          'Every word must match; the last one also as a prefix unless the query ends in a space (type-ahead). ' +
          'Ranked by BM25 (title-like text weighs 3 times the rest); a query equal to an email or a record id ' +
          'puts that record first (`exact`). `types` (comma-separated: user, tracker_item, audit, feedback) ' +
          'narrows it; `limit` is per type (default 5, at most 20). `titleHtml` and `snippetHtml` are escaped ' +
          'HTML with the matched words in `<mark>`.',
      }),
    )
    .input(ZSearchInput)
    .output(ZSearchOutput)
    .query(({ ctx, input }) => ctx.services.search.query(ctx.productId, input)),
  stats: adminProcedure
    .meta(rest('GET', '/search/stats', { tag, summary: 'Index entries per type and the latest rebuild' }))
    .input(z.object({}).optional())
    .output(ZSearchStats)
    .query(({ ctx }) => ctx.services.search.stats(ctx.productId)),
  triggerRebuild: adminProcedure
    .meta(
      rest('POST', '/search/rebuild', {
        tag,
        summary: "Rebuild the product's search index from its records, in the background",
        description:
          'Answers at once with the queued rebuild; GET /v1/search/rebuild/{id} shows its progress. 409 while ' +
          "one of this product's rebuilds is queued or running. Searches keep answering from the current index " +
          'meanwhile; entries whose record is gone are removed at the end.',
        targetType: 'search_rebuild',
        successStatus: 202,
      }),
    )
    .input(ZRebuildInput)
    .output(ZRebuild)
    .mutation(({ ctx, input }) =>
      ctx.services.search.triggerRebuild(ctx.productId, input?.types, {
        id: ctx.principal.userId,
        email: ctx.principal.email,
      }),
    ),
  getRebuild: adminProcedure
    .meta(rest('GET', '/search/rebuild/{id}', { tag, summary: 'One rebuild and its progress' }))
    .input(ZRebuildIdInput)
    .output(ZRebuild)
    .query(({ ctx, input }) => ctx.services.search.getRebuild(ctx.productId, input.id)),
});
