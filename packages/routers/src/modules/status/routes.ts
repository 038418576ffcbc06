import { AppError } from '../../app-error';
import { defineRoute, errorResponse, type HttpRouteRequest } from '../../http-route';
import type { MonitorsService } from './monitors';
import type { PublicStatus } from './public';
import { atomFeed, stateBadge } from './render';

/**
 * The status page's plain routes: what tRPC cannot answer (an Atom document, an SVG image) and the heartbeat
 * push URL, which push clients call with GET as Uptime Kuma's do. All public; the feed and badges are cached.
 * The badge and heartbeat routes take their id from the path (a prefix route), so they are described in the
 * README and in `GET /v1/public/status`'s description rather than as OpenAPI paths:
 * - `GET /v1/public/status/badge/{componentId}.svg` (`overall` for the overall state; `?product=`), cached 60 s;
 * - `GET|POST /v1/public/status/heartbeat/{token}` with optional `status=up|down`, `msg`, `ping` (ms); 404 for
 *   a token no heartbeat monitor has.
 */

const FEED_PATH = '/v1/public/status/feed.atom';
const BADGE_PREFIX = '/v1/public/status/badge/';
const HEARTBEAT_PREFIX = '/v1/public/status/heartbeat/';
const CACHE = 'public, max-age=60';

const pathOf = (request: HttpRouteRequest) => request.url.split('?')[0] ?? '';
const queryText = (request: HttpRouteRequest, name: string): string | undefined => {
  const value = request.query[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

type RouteDeps = {
  publicStatus: PublicStatus;
  monitors: MonitorsService;
  /** The product a public URL names (`?product=`), else the request's; 404 for an unknown one. */
  productOf: (request: HttpRouteRequest, fallback: string) => Promise<{ id: string; name: string }>;
  pageUrl: (productId: string) => string;
  /** The API's public origin, for the feed's self link. */
  apiOrigin: (request: HttpRouteRequest) => string;
};

const productParameter = {
  name: 'product',
  in: 'query',
  required: false,
  schema: { type: 'string' },
  description: "The product's id; default: the x-product-id header, else the default product.",
};

export const statusRoutes = (deps: RouteDeps) => [
  defineRoute({
    method: 'GET',
    path: FEED_PATH,
    procedure: 'status.feed',
    level: 'public',
    openapi: {
      operationId: 'status-feed',
      tags: ['status'],
      summary: 'Incidents and maintenance of the last 90 days as an Atom feed',
      parameters: [productParameter],
      responses: {
        '200': { description: 'An Atom 1.0 document (application/atom+xml), cached 60 s' },
        '404': errorResponse('No such product'),
      },
    },
    async handle(request, ctx) {
      const product = await deps.productOf(request, ctx.productId);
      const { incidents, maintenance } = await deps.publicStatus.timeline(product.id);
      const xml = atomFeed({
        productName: product.name,
        pageUrl: deps.pageUrl(product.id),
        feedUrl: `${deps.apiOrigin(request)}${FEED_PATH}?product=${encodeURIComponent(product.id)}`,
        generatedAt: new Date().toISOString(),
        incidents,
        maintenance,
      });
      return {
        status: 200,
        headers: { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': CACHE },
        body: xml,
      };
    },
  }),
  defineRoute({
    method: 'GET',
    path: `${BADGE_PREFIX}*`,
    procedure: 'status.badge',
    level: 'public',
    async handle(request, ctx) {
      const product = await deps.productOf(request, ctx.productId);
      const name = decodeURIComponent(pathOf(request).slice(BADGE_PREFIX.length)).replace(/\.svg$/, '');
      const status = await deps.publicStatus.current(product.id);
      const component = status.services.find((service) => service.id === name);
      if (name !== 'overall' && !component) throw new AppError('NOT_FOUND', `Component '${name}' not found`);
      const svg = component
        ? stateBadge(component.name, component.status)
        : stateBadge(product.name, status.overallStatus);
      return {
        status: 200,
        headers: { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': CACHE },
        body: svg,
      };
    },
  }),
  ...(['GET', 'POST'] as const).map((method) =>
    defineRoute({
      method,
      path: `${HEARTBEAT_PREFIX}*`,
      procedure: 'status.heartbeat',
      level: 'public',
      async handle(request) {
        const token = decodeURIComponent(pathOf(request).slice(HEARTBEAT_PREFIX.length));
        const ping = Number(queryText(request, 'ping'));
        const monitor = /^hb_[A-Za-z0-9_-]{10,64}$/.test(token)
          ? await deps.monitors.heartbeat(token, {
              status: queryText(request, 'status') === 'down' ? 'down' : 'up',
              message: queryText(request, 'msg')?.slice(0, 200) ?? null,
              ping: Number.isFinite(ping) && ping >= 0 ? Math.round(ping) : null,
            })
          : undefined;
        if (!monitor) throw new AppError('NOT_FOUND', 'No heartbeat monitor has this token');
        return { status: 200, headers: { 'cache-control': 'no-store' }, body: { ok: true } };
      },
    }),
  ),
];
