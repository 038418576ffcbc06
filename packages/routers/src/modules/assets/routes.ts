import { ZodError } from 'zod';
import { AppError } from '../../app-error';
import { defineRoute, errorResponse } from '../../http-route';
import { matchesEtag } from '../../lib/http-cache';
import type { ReleaseService } from './releases';
import { RELEASE_PLATFORMS, ZLatestReleaseInput } from './schema';

export const LATEST_RELEASE_PATH = '/v1/releases/latest';
/** Updaters poll on launch and every few hours; after a minute they revalidate, and a 304 is the usual answer. */
const CACHE = 'public, max-age=60, must-revalidate';

const parseQuery = (query: Record<string, unknown>) => {
  try {
    return ZLatestReleaseInput.parse({
      platform: query.platform,
      channel: typeof query.channel === 'string' && query.channel !== '' ? query.channel : undefined,
    });
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const fields = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    throw new AppError('VALIDATION', `Invalid input: ${fields.map((f) => f.path).join(', ')}`, { fields });
  }
};

/**
 * The desktop updaters' manifest, as a plain route because tRPC's REST adapter cannot answer 304: the newest
 * published build of a platform and channel, with a strong ETag of the manifest and the changelog's caching.
 */
export const releaseRoutes = (releases: ReleaseService) => [
  defineRoute({
    method: 'GET',
    path: LATEST_RELEASE_PATH,
    procedure: 'releases.getLatest',
    level: 'public',
    openapi: {
      operationId: 'releases-getLatest',
      tags: ['releases'],
      summary: 'The newest published release of a platform and channel, for desktop updaters',
      description:
        'version, immutable download url, sha256 (hex), sha512 (base64), size, the changelog entry of that version and publishedAt. Send If-None-Match with the last ETag: 304 when nothing changed.',
      parameters: [
        {
          name: 'platform',
          in: 'query',
          required: true,
          schema: { type: 'string', enum: RELEASE_PLATFORMS },
        },
        { name: 'channel', in: 'query', required: false, schema: { type: 'string', default: 'stable' } },
      ],
      responses: {
        '200': { description: 'The manifest (JSON)' },
        '304': { description: 'Unchanged since the ETag sent in If-None-Match' },
        '400': errorResponse('Invalid platform or channel'),
        '404': errorResponse('Nothing published for this platform and channel'),
      },
    },
    async handle(request, ctx) {
      const input = parseQuery(request.query);
      const found = await releases.latest(ctx.productId, input.platform, input.channel);
      if (!found) {
        throw new AppError('NOT_FOUND', `No ${input.channel} release is published for ${input.platform}`);
      }
      const headers = { etag: found.etag, 'cache-control': CACHE, vary: 'x-product-id' };
      if (matchesEtag(request.headers['if-none-match'], found.etag)) return { status: 304, headers };
      return { status: 200, headers, body: found.manifest };
    },
  }),
];
