import { appRouter } from '@bytelyst/routers/root';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  fastifyTRPCOpenApiPlugin,
  forEachOpenApiProcedure,
  generateOpenApiDocument,
  getPathRegExp,
  normalizePath,
  type OpenAPIObject,
} from 'trpc-to-openapi';
import { describeError } from './errors';
import { STRIPE_WEBHOOK_OPENAPI, STRIPE_WEBHOOK_PATH } from './stripe-webhook';
import { type ContextFactory, contextInput } from './trpc';
import { WAITLIST_EXPORT_OPENAPI, WAITLIST_EXPORT_PATH } from './waitlist-export';

export const REST_BASE_PATH = '/v1';

/**
 * The OpenAPI 3.1 document of every procedure that carries `meta.openapi`, plus the plain Fastify routes of the
 * REST face (Stripe webhook, waitlist CSV), served at /documentation/json.
 */
export const buildOpenApiDocument = (publicBaseUrl: string): OpenAPIObject => {
  const doc = generateOpenApiDocument(appRouter, {
    title: 'ByteLyst Platform API',
    description:
      'REST face of the platform routers. Authenticate with `Authorization: Bearer <access token or blt_ API token>`; ' +
      'pick the product with the `x-product-id` header. Errors: `{ error: { code, message, fields? } }`.',
    version: '1.0.0',
    baseUrl: `${publicBaseUrl.replace(/\/$/, '')}${REST_BASE_PATH}`,
    securitySchemes: {
      bearerAuth: { type: 'http', scheme: 'bearer', description: 'JWT access token or `blt_` API token' },
    },
  });
  const rest = (path: string) => path.slice(REST_BASE_PATH.length);
  doc.paths = {
    ...doc.paths,
    [rest(STRIPE_WEBHOOK_PATH)]: STRIPE_WEBHOOK_OPENAPI,
    [rest(WAITLIST_EXPORT_PATH)]: WAITLIST_EXPORT_OPENAPI,
  };
  return doc;
};

type RestRoute = { pattern: RegExp; procedure: string; cacheSeconds: number | undefined };

/** METHOD -> path patterns, for the metrics' procedure label on the REST face. */
const buildRestRoutes = (): Map<string, RestRoute[]> => {
  const routes = new Map<string, RestRoute[]>();
  forEachOpenApiProcedure(appRouter._def.procedures, ({ path, meta }) => {
    const list = routes.get(meta.openapi.method) ?? [];
    list.push({
      pattern: getPathRegExp(normalizePath(meta.openapi.path)),
      procedure: path,
      cacheSeconds: typeof meta.cacheSeconds === 'number' ? meta.cacheSeconds : undefined,
    });
    routes.set(meta.openapi.method, list);
  });
  return routes;
};

/**
 * The REST face under /v1 (trpc-to-openapi's Fastify adapter over the same routers). Its error bodies are
 * rewritten into the API's shape through `describeError`, the mapping the rest of the server uses.
 */
export const registerRest = (app: FastifyInstance, opts: { createContext: ContextFactory }): void => {
  const routes = buildRestRoutes();
  const failures = new WeakMap<FastifyRequest, unknown>();
  const cacheable = new WeakMap<FastifyRequest, number>();
  void app.register(async (scope) => {
    scope.addHook('preHandler', (request, _reply, done) => {
      const path = normalizePath((request.url.split('?')[0] ?? '').slice(REST_BASE_PATH.length));
      const match = routes.get(request.method)?.find((route) => route.pattern.test(path));
      request.procedure = match ? match.procedure : 'unknown';
      if (match?.cacheSeconds && request.method === 'GET') cacheable.set(request, match.cacheSeconds);
      done();
    });
    scope.addHook('onSend', (request, reply, payload, done) => {
      const failure = failures.get(request);
      if (failure === undefined) {
        const maxAge = cacheable.get(request);
        if (maxAge !== undefined && reply.statusCode === 200) {
          void reply.header('cache-control', `public, max-age=${maxAge}`).header('vary', 'x-product-id');
        }
        done(null, payload);
        return;
      }
      const { status, body } = describeError(failure);
      if (status >= 500) request.log.error({ err: failure }, 'rest call failed');
      void reply.code(status).header('content-type', 'application/json; charset=utf-8');
      done(null, JSON.stringify(body));
    });
    await scope.register(fastifyTRPCOpenApiPlugin, {
      basePath: REST_BASE_PATH,
      router: appRouter,
      createContext: ({ req }: { req: FastifyRequest }) => opts.createContext(contextInput(req)),
      onError: ({ error, req }: { error: unknown; req: FastifyRequest }) => {
        failures.set(req, error);
      },
    });
  });
};
