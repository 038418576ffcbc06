import { z } from 'zod';
import { rest } from '../../lib/openapi';
import { adminProcedure, authedProcedure, publicProcedure, router } from '../../trpc';
import {
  ZChangelogCreateInput,
  ZChangelogEntry,
  ZChangelogIdInput,
  ZChangelogListAllInput,
  ZChangelogListInput,
  ZChangelogPage,
  ZChangelogPreview,
  ZChangelogPreviewInput,
  ZChangelogPublicPage,
  ZChangelogPublishInput,
  ZChangelogUpdateInput,
  ZLastSeen,
  ZLastSeenInput,
} from './schema';

const tag = 'changelog';
const targetType = 'changelog_entry';

/**
 * The changelog's procedures. `GET /v1/changelog` is declared (and documented) on `list` but answered by the
 * plain route of the same path (routes.ts), which Fastify matches before the REST adapter's catch-all: only it
 * can answer 304 against the changelog revision. Both call the same service method.
 */
export const changelogRouter = router({
  list: publicProcedure
    .meta(
      rest('GET', '/changelog', {
        tag,
        summary: "What's new: published entries newer than `since`, newest version first",
        description:
          "Anonymous with the x-product-id header, or with a product client's bearer token. Semver order " +
          '(1.10.0 after 1.9.0; a pre-release before its release). Answers carry a strong ETag derived from ' +
          "the product's changelog revision and `Cache-Control: public, max-age=60, must-revalidate`; send the " +
          'ETag back in If-None-Match to get 304 (no body) while nothing clients see was published, changed ' +
          'or unpublished.',
      }),
    )
    .input(ZChangelogListInput.optional())
    .output(ZChangelogPublicPage)
    .query(({ ctx, input }) => ctx.services.changelog.list(ctx.productId, input ?? {})),
  updateLastSeenMine: authedProcedure
    .meta(
      rest('PUT', '/changelog/me/last-seen', {
        tag,
        summary: "Record the newest version whose notes the caller has seen (kept in the user's settings)",
        description:
          "Kept as `changelog.lastSeenVersion` in the user's settings; it only moves forward (an older version " +
          'leaves it as it is). Clients pass it as `since` on the next launch.',
      }),
    )
    .input(ZLastSeenInput)
    .output(ZLastSeen)
    .mutation(({ ctx, input }) =>
      ctx.services.changelog.lastSeen.update(ctx.productId, ctx.principal.userId, input.version),
    ),
  listAll: adminProcedure
    .meta(
      rest('GET', '/changelog/entries', {
        tag,
        summary: 'Every entry (drafts, scheduled and published), newest version first',
      }),
    )
    .input(ZChangelogListAllInput.optional())
    .output(ZChangelogPage)
    .query(({ ctx, input }) => ctx.services.changelog.listAll(ctx.productId, input ?? {})),
  get: adminProcedure
    .meta(rest('GET', '/changelog/entries/{id}', { tag, summary: 'One entry' }))
    .input(ZChangelogIdInput)
    .output(ZChangelogEntry)
    .query(({ ctx, input }) => ctx.services.changelog.get(ctx.productId, input.id)),
  create: adminProcedure
    .meta(
      rest('POST', '/changelog/entries', {
        tag,
        summary: 'Draft an entry',
        description:
          'The version is a semantic version, unique per product (409 naming `version` otherwise).',
        targetType,
      }),
    )
    .input(ZChangelogCreateInput)
    .output(ZChangelogEntry)
    .mutation(({ ctx, input }) => ctx.services.changelog.create(ctx.productId, input, ctx.principal.userId)),
  update: adminProcedure
    .meta(
      rest('PATCH', '/changelog/entries/{id}', {
        tag,
        summary: 'Edit an entry; a published entry keeps its version',
        targetType,
      }),
    )
    .input(ZChangelogUpdateInput)
    .output(ZChangelogEntry)
    .mutation(({ ctx, input }) => ctx.services.changelog.update(ctx.productId, input, ctx.principal.userId)),
  delete: adminProcedure
    .meta(rest('DELETE', '/changelog/entries/{id}', { tag, summary: 'Delete an entry', targetType }))
    .input(ZChangelogIdInput)
    .output(z.object({ id: z.string(), deleted: z.literal(true) }))
    .mutation(({ ctx, input }) =>
      ctx.services.changelog.delete(ctx.productId, input.id, ctx.principal.userId),
    ),
  preview: adminProcedure
    .meta(
      rest('POST', '/changelog/preview', {
        changesNothing: true,
        tag,
        summary: 'Markdown rendered and sanitised exactly as clients will get it',
      }),
    )
    .input(ZChangelogPreviewInput)
    .output(ZChangelogPreview)
    .mutation(({ ctx, input }) => ctx.services.changelog.preview(input.body)),
  publish: adminProcedure
    .meta(
      rest('POST', '/changelog/entries/{id}/publish', {
        tag,
        summary: 'Publish now, or at `at` (the changelog-publish job publishes it then)',
        description:
          'With `announce`, publishing also sends a push and the changelog-announcement mail to that segment ' +
          'through delivery (preferences, caps and quiet hours apply).',
        targetType,
      }),
    )
    .input(ZChangelogPublishInput)
    .output(ZChangelogEntry)
    .mutation(({ ctx, input }) => ctx.services.changelog.publish(ctx.productId, input, ctx.principal.userId)),
  unpublish: adminProcedure
    .meta(
      rest('POST', '/changelog/entries/{id}/unpublish', {
        tag,
        summary: 'Take a published or scheduled entry back to draft',
        targetType,
      }),
    )
    .input(ZChangelogIdInput)
    .output(ZChangelogEntry)
    .mutation(({ ctx, input }) =>
      ctx.services.changelog.unpublish(ctx.productId, input.id, ctx.principal.userId),
    ),
});
