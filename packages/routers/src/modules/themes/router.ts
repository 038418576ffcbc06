import { rest } from '../../lib/openapi';
import { adminProcedure, publicProcedure, router } from '../../trpc';
import {
  ZTheme,
  ZThemeCurrent,
  ZThemeCurrentInput,
  ZThemeFile,
  ZThemeFileInput,
  ZThemeListVersionsInput,
  ZThemePublishInput,
  ZThemeSetDraftInput,
  ZThemeVersion,
  ZThemeVersionInput,
  ZThemeVersionPage,
} from './schema';

const tag = 'themes';
const targetType = 'theme';

/**
 * A product's theme: a draft admins edit, numbered published versions clients fetch. `GET /v1/themes/current`
 * is declared (and documented) on `getCurrent` but answered by the plain route of the same path (routes.ts),
 * which alone can answer 304; both call the same service.
 */
export const themesRouter = router({
  getCurrent: publicProcedure
    .meta(
      rest('GET', '/themes/current', {
        tag,
        summary: "The product's published theme in a platform's units, for a client on launch",
        description:
          "The product is `productId`, else the x-product-id header, else the bearer token's. `platform` picks " +
          'the units: web CSS lengths (font sizes in rem), ios points, android dp/sp, desktop pixels. Version 0 ' +
          'is the default theme, before any publish. Answers carry a strong ETag per published version and ' +
          'platform and `Cache-Control: public, max-age=60, must-revalidate`; send it in If-None-Match for a 304.',
      }),
    )
    .input(ZThemeCurrentInput.optional())
    .output(ZThemeCurrent)
    .query(({ ctx, input }) =>
      ctx.services.themes.current(input?.productId ?? ctx.productId, input?.platform ?? 'web'),
    ),
  get: adminProcedure
    .meta(rest('GET', '/themes', { tag, summary: 'The draft being edited beside the published version' }))
    .output(ZTheme)
    .query(({ ctx }) => ctx.services.themes.get(ctx.productId)),
  setDraft: adminProcedure
    .meta(
      rest('PUT', '/themes/draft', {
        tag,
        summary: 'Replace the draft tokens; clients see nothing until it is published',
        description:
          'Every token is required; a bad or unknown one is a 400 naming its path (`tokens.colors.dark.primary`).',
        targetType,
      }),
    )
    .input(ZThemeSetDraftInput)
    .output(ZTheme)
    .mutation(({ ctx, input }) =>
      ctx.services.themes.setDraft(ctx.productId, input.tokens, ctx.principal.userId),
    ),
  publish: adminProcedure
    .meta(
      rest('POST', '/themes/publish', {
        tag,
        summary: 'Freeze the draft as the next numbered version, which clients then get',
        description:
          'Refused with a 400 naming each failing token while a text pair fails WCAG AA in light or dark, and ' +
          'with a 409 when the draft is the published version already.',
        targetType,
      }),
    )
    .input(ZThemePublishInput)
    .output(ZTheme)
    .mutation(({ ctx, input }) =>
      ctx.services.themes.publish(ctx.productId, input.note, ctx.principal.userId),
    ),
  revert: adminProcedure
    .meta(
      rest('POST', '/themes/revert', {
        tag,
        summary: "Set the draft back to a published version's tokens",
        targetType,
      }),
    )
    .input(ZThemeVersionInput)
    .output(ZTheme)
    .mutation(({ ctx, input }) =>
      ctx.services.themes.revert(ctx.productId, input.version, ctx.principal.userId),
    ),
  listVersions: adminProcedure
    .meta(rest('GET', '/themes/versions', { tag, summary: 'Published versions, newest first' }))
    .input(ZThemeListVersionsInput.optional())
    .output(ZThemeVersionPage)
    .query(({ ctx, input }) => ctx.services.themes.listVersions(ctx.productId, input ?? {})),
  getVersion: adminProcedure
    .meta(
      rest('GET', '/themes/versions/{version}', { tag, summary: 'One published version with its tokens' }),
    )
    .input(ZThemeVersionInput)
    .output(ZThemeVersion)
    .query(({ ctx, input }) => ctx.services.themes.getVersion(ctx.productId, input.version)),
  getFile: adminProcedure
    .meta(
      rest('GET', '/themes/files/{format}', {
        tag,
        summary: 'A generated source file (css, ts, kt, swift) of the published theme or the draft, as JSON',
        description: 'The same file `GET /v1/themes/download/{format}` answers as an attachment.',
      }),
    )
    .input(ZThemeFileInput)
    .output(ZThemeFile)
    .query(({ ctx, input }) => ctx.services.themes.getFile(ctx.productId, input.format, input.source)),
});
