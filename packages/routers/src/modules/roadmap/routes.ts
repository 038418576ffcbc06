import { AppError } from '../../app-error';
import { defineRoute, type HttpRouteRequest } from '../../http-route';
import { bodyEtag, matchesEtag } from '../../lib/http-cache';
import type { RoadmapService } from './service';

/**
 * The roadmap's anonymous face, as plain routes because tRPC's REST adapter cannot answer 304. The ETag is a
 * hash of the answer: a vote or a comment changes it, and a 304 saves the body (the query runs either way).
 */

export const ROADMAP_PATH = '/v1/public/roadmap';
const ITEM_PREFIX = `${ROADMAP_PATH}/items/`;
/** Votes move: browsers and clients revalidate after 15 s, and mostly get a 304 then. */
export const ROADMAP_CACHE = 'public, max-age=15, must-revalidate';

type RouteDeps = {
  roadmap: Pick<RoadmapService, 'get' | 'getItem'>;
  /** `?product=` (or `?productId=`) when given, else the context's product (x-product-id, the default). */
  productOf: (request: HttpRouteRequest, fallback: string) => Promise<string>;
};

const conditional = (request: HttpRouteRequest, body: unknown) => {
  const etag = bodyEtag(body);
  const headers = { etag, 'cache-control': ROADMAP_CACHE, vary: 'x-product-id' };
  if (matchesEtag(request.headers['if-none-match'], etag)) return { status: 304, headers };
  return { status: 200, headers, body };
};

export const roadmapRoutes = (deps: RouteDeps) => [
  defineRoute({
    method: 'GET',
    path: ROADMAP_PATH,
    procedure: 'roadmap.get',
    level: 'public',
    // Documented by the `roadmap.get` procedure, which declares this path (router.ts).
    async handle(request, ctx) {
      const productId = await deps.productOf(request, ctx.productId);
      return conditional(request, await deps.roadmap.get(productId));
    },
  }),
  defineRoute({
    method: 'GET',
    path: `${ITEM_PREFIX}*`,
    procedure: 'roadmap.getItem',
    level: 'public',
    async handle(request, ctx) {
      const path = request.url.split('?')[0] ?? '';
      const id = decodeURIComponent(path.slice(ITEM_PREFIX.length));
      if (!id || id.includes('/') || id.length > 64) {
        throw new AppError('VALIDATION', 'Invalid input: id', {
          fields: [{ path: 'id', message: 'Invalid id' }],
        });
      }
      const productId = await deps.productOf(request, ctx.productId);
      return conditional(request, await deps.roadmap.getItem(productId, id));
    },
  }),
];
