import { AppError } from '../../app-error';
import { defineRoute, errorResponse, type HttpRouteRequest } from '../../http-route';
import type { I18nBundles } from './bundle';
import { parseLocaleTag } from './locale-chain';
import { ZExportInput, ZImportInput, ZNamespace } from './schema';
import type { I18nTransfer } from './transfer';

/**
 * Plain routes: the client bundle, because tRPC's REST adapter cannot answer 304 (clients fetch it on every
 * launch with If-None-Match, and the ETag costs a few point reads); import and export, because they carry
 * whole files, which the audit log records by their size and outcome rather than their content.
 */

export const BUNDLE_PATH = '/v1/i18n/:locale';
export const IMPORT_PATH = '/v1/translations/import';
export const EXPORT_PATH = '/v1/translations/export';
/** As the changelog: clients revalidate after a minute, and a 304 is the usual answer then. */
const CACHE = 'public, max-age=60, must-revalidate';
const IMPORT_LIMIT = 6 * 1024 * 1024;

const field = (path: string, message: string) =>
  new AppError('VALIDATION', message, { fields: [{ path, message }] });

/** `If-None-Match` holds this tag (a list, or `*`); weak comparison, as RFC 9110 asks for GET. */
const matches = (header: string | string[] | undefined, etag: string) => {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return false;
  if (value.trim() === '*') return true;
  return value.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
};

/** The locale segment of `/v1/i18n/{locale}`, canonical, or a 400 naming `locale`. */
const localeOf = (request: HttpRouteRequest): string => {
  const path = request.url.split('?')[0] ?? '';
  let raw = '';
  try {
    raw = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
  } catch {
    // A broken escape is an invalid tag like any other.
  }
  const locale = parseLocaleTag(raw);
  if (!locale) throw field('locale', `'${raw.slice(0, 40)}' is not a BCP 47 locale such as de or pt-BR`);
  return locale;
};

const namespacesOf = (query: Record<string, unknown>): string[] | null => {
  const raw = typeof query.ns === 'string' ? query.ns.trim() : '';
  if (!raw) return null;
  const names = [...new Set(raw.split(',').map((n) => n.trim()))].sort();
  for (const name of names) {
    if (!ZNamespace.safeParse(name).success) throw field('ns', `'${name.slice(0, 70)}' is not a namespace`);
  }
  return names;
};

type RouteDeps = {
  bundles: I18nBundles;
  transfer: I18nTransfer;
  productOf: (request: HttpRouteRequest, fallback: string) => Promise<string>;
};

export const i18nRoutes = (deps: RouteDeps) => [
  defineRoute({
    method: 'GET',
    path: BUNDLE_PATH,
    procedure: 'i18n.getBundle',
    level: 'public',
    // Documented by the `i18n.getBundle` procedure, which declares this path (router.ts).
    async handle(request, ctx) {
      const locale = localeOf(request);
      const namespaces = namespacesOf(request.query);
      const productId = await deps.productOf(request, ctx.productId);
      const { version } = await deps.bundles.versionOf(productId, locale, namespaces);
      const etag = deps.bundles.etagOf(version);
      const headers = { etag, 'cache-control': CACHE, vary: 'x-product-id, authorization' };
      if (matches(request.headers['if-none-match'], etag)) return { status: 304, headers };
      const bundle = await deps.bundles.get(productId, locale, namespaces);
      // The version may have moved between the two reads: the tag always names the body sent.
      return {
        status: 200,
        headers: { ...headers, etag: deps.bundles.etagOf(bundle.version), 'content-language': locale },
        body: bundle,
      };
    },
  }),
  defineRoute({
    method: 'POST',
    path: IMPORT_PATH,
    procedure: 'i18n.import',
    level: 'admin',
    bodyLimit: IMPORT_LIMIT,
    openapi: {
      operationId: 'i18n-import',
      tags: ['i18n'],
      summary: 'Import a JSON (flat or nested) or XLIFF 2.0 file of translations',
      description:
        'Body: `{ locale?, format: json-flat | json-nested | xliff, content, status?, dryRun? }`. Every entry is ' +
        'checked first (key shape, ICU syntax); a file with an invalid entry is reported (`invalid`, by key ' +
        'with the reason) and nothing of it is written. XLIFF segment states map initial → draft, translated, ' +
        'reviewed and final → reviewed. Audited with the file size and the counts.',
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { type: 'object', required: ['format', 'content'] } } },
      },
      responses: {
        '200': { description: 'The report: created, updated, unchanged, invalid, warnings, applied' },
        '400': errorResponse('Unreadable file or bad input (named in `fields`)'),
        '401': errorResponse('Not signed in'),
        '403': errorResponse('Not an admin of the product'),
      },
    },
    async handle(request, ctx) {
      const input = ZImportInput.parse(request.body);
      const report = await deps.transfer.import(ctx.productId, input, ctx.principal.userId);
      const { content, ...rest } = input;
      await ctx.audit({
        action: 'i18n.import',
        targetType: 'translations',
        input: { ...rest, bytes: Buffer.byteLength(content) },
        result: { ...report, invalid: report.invalid.length, warnings: report.warnings.length },
      });
      return { status: 200, body: report };
    },
  }),
  defineRoute({
    method: 'GET',
    path: EXPORT_PATH,
    procedure: 'i18n.export',
    level: 'admin',
    openapi: {
      operationId: 'i18n-export',
      tags: ['i18n'],
      summary: "Download a locale's strings as JSON (flat or nested) or XLIFF 2.0",
      description:
        'XLIFF holds every source key (the default locale, then the built-in mail strings) with this ' +
        "locale's target and state; JSON holds the locale's own strings. Audited.",
      parameters: [
        { name: 'locale', in: 'query', required: true, schema: { type: 'string' } },
        {
          name: 'format',
          in: 'query',
          required: true,
          schema: { type: 'string', enum: ['json-flat', 'json-nested', 'xliff'] },
        },
        { name: 'namespace', in: 'query', schema: { type: 'string' } },
      ],
      responses: {
        '200': { description: 'The file (application/json or application/xliff+xml)' },
        '400': errorResponse('Bad input (named in `fields`)'),
        '401': errorResponse('Not signed in'),
        '403': errorResponse('Not an admin of the product'),
      },
    },
    async handle(request, ctx) {
      const input = ZExportInput.parse(request.query);
      const file = await deps.transfer.export(ctx.productId, input);
      await ctx.audit({
        action: 'i18n.export',
        targetType: 'translations',
        input,
        result: { filename: file.filename, count: file.count },
      });
      return {
        status: 200,
        headers: {
          'content-type': file.contentType,
          'content-disposition': `attachment; filename="${file.filename}"`,
          'cache-control': 'no-store',
        },
        body: file.content,
      };
    },
  }),
];
