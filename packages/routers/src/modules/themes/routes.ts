import { ZodError, type z } from 'zod';
import { AppError } from '../../app-error';
import { defineRoute, errorResponse } from '../../http-route';
import { LAUNCH_CACHE_CONTROL, matchesEtag } from '../../lib/http-cache';
import { ZThemeCurrentInput, ZThemeFileInput } from './schema';
import type { ThemesService } from './service';

/**
 * The themes' plain routes. `GET /v1/themes/current` is a client's launch call and must answer 304, which tRPC's
 * REST adapter cannot; the download answers the generated file itself (with a filename) rather than JSON.
 */

export const THEMES_CURRENT_PATH = '/v1/themes/current';
const DOWNLOAD_PREFIX = '/v1/themes/download/';

const parse = <T>(schema: z.ZodType<T>, query: Record<string, unknown>): T => {
  const present = Object.fromEntries(
    Object.entries(query).filter(([, v]) => typeof v === 'string' && v !== ''),
  );
  try {
    return schema.parse(present);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const fields = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    throw new AppError('VALIDATION', `Invalid input: ${fields.map((f) => f.path).join(', ')}`, { fields });
  }
};

type RouteDeps = {
  themes: ThemesService;
  /** The product a client names in `?productId=`, checked to exist (404 otherwise). */
  productExists: (productId: string) => Promise<boolean>;
};

export const themesRoutes = (deps: RouteDeps) => [
  defineRoute({
    method: 'GET',
    path: THEMES_CURRENT_PATH,
    procedure: 'themes.getCurrent',
    level: 'public',
    // Documented by the `themes.getCurrent` procedure, which declares this path (router.ts).
    async handle(request, ctx) {
      const input = parse(ZThemeCurrentInput, request.query);
      const productId = input.productId ?? ctx.productId;
      if (input.productId && !(await deps.productExists(productId))) {
        throw new AppError('NOT_FOUND', `Product '${productId}' not found`, {
          fields: [{ path: 'productId', message: 'No such product' }],
        });
      }
      const { etag, body } = await deps.themes.currentWithEtag(productId, input.platform);
      const headers = { etag, 'cache-control': LAUNCH_CACHE_CONTROL, vary: 'x-product-id, authorization' };
      if (matchesEtag(request.headers['if-none-match'], etag)) return { status: 304, headers };
      return { status: 200, headers, body: body() };
    },
  }),
  defineRoute({
    method: 'GET',
    path: `${DOWNLOAD_PREFIX}*`,
    procedure: 'themes.download',
    level: 'admin',
    openapi: {
      operationId: 'themes-download',
      tags: ['themes'],
      summary: "The product's theme as a source file: CSS custom properties, TypeScript, Kotlin or Swift",
      description:
        'The path ends in the format (`/v1/themes/download/css`, `ts`, `kt`, `swift`); `?source=draft` generates ' +
        'the draft instead of the published theme. Answered as an attachment with its filename.',
      parameters: [
        {
          name: 'source',
          in: 'query',
          required: false,
          schema: { type: 'string', enum: ['published', 'draft'] },
          description: 'Default: published',
        },
      ],
      responses: {
        '200': { description: 'The generated file' },
        '400': errorResponse('Unknown format or source'),
        '404': errorResponse('Nothing published yet (with source=published)'),
      },
    },
    async handle(request, ctx) {
      const path = request.url.split('?')[0] ?? '';
      const format = decodeURIComponent(path.slice(DOWNLOAD_PREFIX.length));
      const input = parse(ZThemeFileInput, { ...request.query, format });
      const file = await deps.themes.getFile(ctx.productId, input.format, input.source);
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
