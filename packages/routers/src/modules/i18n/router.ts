import { z } from 'zod';
import { rest } from '../../lib/openapi';
import { adminProcedure, publicProcedure, router } from '../../trpc';
import { previewMessage } from './icu';
import {
  ZBundle,
  ZBundleInput,
  ZCoverage,
  ZKeyInput,
  ZListInput,
  ZListOutput,
  ZLocaleInput,
  ZLocalesView,
  ZPreviewInput,
  ZPreviewOutput,
  ZSetStatusInput,
  ZTranslation,
  ZUpsertInput,
  ZUpsertOutput,
} from './schema';

const tag = 'i18n';
const targetType = 'translations';

/**
 * Localization. `GET /v1/i18n/{locale}` is declared (and documented) on `getBundle` but answered by the plain
 * route of the same path (routes.ts), which alone can answer 304; both call the same service. Import and export
 * carry files and are plain routes too (`POST /v1/translations/import`, `GET /v1/translations/export`).
 */
export const i18nRouter = router({
  getBundle: publicProcedure
    .meta(
      rest('GET', '/i18n/{locale}', {
        tag,
        summary: "A locale's strings, merged along its fallback chain",
        description:
          "Anonymous. The product is `productId`, else the x-product-id header or the bearer token's. The " +
          "chain: the requested locale, its base language (pt-BR → pt), the product's default locale, then " +
          'English; each key comes from the first locale that has it translated or reviewed (the default ' +
          'locale serves drafts too). `ns=a,b` keeps the keys of those namespaces (first segment of the key). ' +
          'A strong ETag names the bundle version and `Cache-Control: public, max-age=60, must-revalidate`; ' +
          'If-None-Match answers 304 until a string of the chain changes. An invalid tag is a 400 naming `locale`.',
      }),
    )
    .input(ZBundleInput)
    .output(ZBundle)
    .query(({ ctx, input }) => ctx.services.i18n.bundle(input.productId ?? ctx.productId, input)),
  list: adminProcedure
    .meta(
      rest('GET', '/translations', {
        tag,
        summary:
          'Keys with their string and status per locale; filter by namespace, missing in a locale, search',
      }),
    )
    .input(ZListInput.optional())
    .output(ZListOutput)
    .query(({ ctx, input }) => ctx.services.i18n.catalog.list(ctx.productId, input ?? {})),
  stats: adminProcedure
    .meta(
      rest('GET', '/translations/coverage', {
        tag,
        summary: 'Coverage per locale: translated and reviewed source keys ÷ source keys',
      }),
    )
    .output(ZCoverage)
    .query(({ ctx }) => ctx.services.i18n.catalog.coverage(ctx.productId)),
  setString: adminProcedure
    .meta(
      rest('PUT', '/translations/strings', {
        tag,
        summary: 'Create or replace the string of a key in a locale',
        description:
          'The message is ICU MessageFormat; a malformed one is a 400 naming `message` with the key and the ' +
          "parser's reason. Arguments that differ from the source string's come back as `warnings`.",
        targetType,
      }),
    )
    .input(ZUpsertInput)
    .output(ZUpsertOutput)
    .mutation(({ ctx, input }) => ctx.services.i18n.upsert(ctx.productId, input, ctx.principal.userId)),
  setStatus: adminProcedure
    .meta(rest('PUT', '/translations/strings/status', { tag, summary: "Set a string's status", targetType }))
    .input(ZSetStatusInput)
    .output(ZTranslation)
    .mutation(({ ctx, input }) => ctx.services.i18n.setStatus(ctx.productId, input, ctx.principal.userId)),
  delete: adminProcedure
    .meta(
      rest('DELETE', '/translations/keys/{key}', {
        tag,
        summary: 'Delete a key in every locale',
        targetType,
      }),
    )
    .input(ZKeyInput)
    .output(z.object({ key: z.string(), deleted: z.literal(true), locales: z.number().int() }))
    .mutation(({ ctx, input }) =>
      ctx.services.i18n.deleteKey(ctx.productId, input.key, ctx.principal.userId),
    ),
  listLocales: adminProcedure
    .meta(rest('GET', '/translations/locales', { tag, summary: "The product's locales and its default" }))
    .output(ZLocalesView)
    .query(({ ctx }) => ctx.services.i18n.locales(ctx.productId)),
  createLocale: adminProcedure
    .meta(rest('POST', '/translations/locales', { tag, summary: 'Add a locale to the product', targetType }))
    .input(ZLocaleInput)
    .output(ZLocalesView)
    .mutation(({ ctx, input }) =>
      ctx.services.i18n.addLocale(ctx.productId, input.locale, ctx.principal.userId),
    ),
  deleteLocale: adminProcedure
    .meta(
      rest('DELETE', '/translations/locales/{locale}', {
        tag,
        summary: 'Remove a locale and its strings (not the default locale)',
        targetType,
      }),
    )
    .input(ZLocaleInput)
    .output(ZLocalesView)
    .mutation(({ ctx, input }) =>
      ctx.services.i18n.removeLocale(ctx.productId, input.locale, ctx.principal.userId),
    ),
  setDefaultLocale: adminProcedure
    .meta(
      rest('PUT', '/translations/locales/default', {
        tag,
        summary: "Set the product's default locale (the source translators work from; default en)",
        targetType,
      }),
    )
    .input(ZLocaleInput)
    .output(ZLocalesView)
    .mutation(({ ctx, input }) =>
      ctx.services.i18n.setDefaultLocale(ctx.productId, input.locale, ctx.principal.userId),
    ),
  preview: adminProcedure
    .meta(
      rest('POST', '/translations/preview', {
        changesNothing: true,
        tag,
        summary: 'Check an ICU message and format it with sample arguments (defaults from its arguments)',
      }),
    )
    .input(ZPreviewInput)
    .output(ZPreviewOutput)
    .mutation(({ input }) => previewMessage(input.message, input.locale, input.args ?? {})),
});
