import { ZodError } from 'zod';
import { AppError } from '../../app-error';
import { defineRoute, errorResponse, type HttpRouteRequest } from '../../http-route';
import { type AtomEntry, atomDocument } from '../../lib/atom';
import { ifNoneMatchHits } from '../../lib/http-cache';
import { type TChangelogCategory, type TChangelogListInput, ZChangelogListInput } from './schema';
import type { ChangelogService } from './service';

/**
 * The changelog's client face, as plain routes because tRPC's REST adapter cannot answer 304: clients check
 * `GET /v1/changelog` on every launch with `If-None-Match`, and the ETag comes from one point read of the
 * product's changelog revision, so an unchanged changelog costs no query and no body. The Atom feed takes
 * `?product=` (feed readers send no headers).
 */

export const CHANGELOG_PATH = '/v1/changelog';
const FEED_PATH = '/v1/changelog/feed.atom';
/** Clients revalidate after a minute; a 304 is the usual answer then. */
const CACHE = 'public, max-age=60, must-revalidate';

const CATEGORY_WORDS: Record<TChangelogCategory, string> = {
  feature: 'New feature',
  improvement: 'Improvement',
  bugfix: 'Bug fix',
  security: 'Security',
};

const parseQuery = (query: Record<string, unknown>): TChangelogListInput => {
  const text = (name: string) =>
    typeof query[name] === 'string' && query[name] !== '' ? query[name] : undefined;
  try {
    return ZChangelogListInput.parse({
      since: text('since'),
      platform: text('platform'),
      limit: text('limit'),
      cursor: text('cursor'),
    });
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const fields = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    throw new AppError('VALIDATION', `Invalid input: ${fields.map((f) => f.path).join(', ')}`, { fields });
  }
};

const queryParameter = (name: string, description: string, schema: Record<string, unknown>) => ({
  name,
  in: 'query',
  required: false,
  schema,
  description,
});

type RouteDeps = {
  changelog: ChangelogService;
  productOf: (request: HttpRouteRequest, fallback: string) => Promise<{ id: string; name: string }>;
  pageUrl: (productId: string) => string;
  now: () => string;
  apiOrigin: (request: HttpRouteRequest) => string;
};

export const changelogRoutes = (deps: RouteDeps) => [
  defineRoute({
    method: 'GET',
    path: CHANGELOG_PATH,
    procedure: 'changelog.list',
    level: 'public',
    // Documented by the `changelog.list` procedure, which declares this path (router.ts).
    async handle(request, ctx) {
      const input = parseQuery(request.query);
      const etag = await deps.changelog.etag(ctx.productId, input);
      const headers = { etag, 'cache-control': CACHE, vary: 'x-product-id, authorization' };
      if (ifNoneMatchHits(request.headers['if-none-match'], etag)) return { status: 304, headers };
      return { status: 200, headers, body: await deps.changelog.list(ctx.productId, input) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: FEED_PATH,
    procedure: 'changelog.feed',
    level: 'public',
    openapi: {
      operationId: 'changelog-feed',
      tags: ['changelog'],
      summary: 'The latest 50 published changelog entries as an Atom feed',
      parameters: [
        queryParameter(
          'product',
          "The product's id; default: the x-product-id header, else the default product",
          {
            type: 'string',
          },
        ),
      ],
      responses: {
        '200': { description: 'An Atom 1.0 document (application/atom+xml), cached 5 minutes' },
        '404': errorResponse('No such product'),
      },
    },
    async handle(request, ctx) {
      const product = await deps.productOf(request, ctx.productId);
      const page = await deps.changelog.list(product.id, { limit: 50 });
      const pageUrl = deps.pageUrl(product.id);
      const entries: AtomEntry[] = page.items.map((entry) => ({
        id: `${pageUrl}#v${entry.version}`,
        title: `${entry.version}: ${entry.title}`,
        published: entry.publishedAt ?? '',
        updated: entry.publishedAt ?? '',
        html: entry.html,
        categories: [CATEGORY_WORDS[entry.category], ...entry.platforms],
      }));
      const xml = atomDocument({
        id: `${pageUrl}#changelog`,
        title: `${product.name} changelog`,
        selfUrl: `${deps.apiOrigin(request)}${FEED_PATH}?product=${encodeURIComponent(product.id)}`,
        pageUrl,
        author: product.name,
        generatedAt: deps.now(),
        entries,
      });
      return {
        status: 200,
        headers: {
          'content-type': 'application/atom+xml; charset=utf-8',
          'cache-control': 'public, max-age=300',
        },
        body: xml,
      };
    },
  }),
];

export { CATEGORY_WORDS };
