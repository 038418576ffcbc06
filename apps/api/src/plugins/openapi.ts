import type { AnyHttpRoute } from '@bytelyst/routers/http-route';
import type { ApiVersion } from '@bytelyst/routers/lib/api-versions';
import { appRouter } from '@bytelyst/routers/root';
import type { Meta } from '@bytelyst/routers/trpc';
import type { AnyTRPCRouter } from '@trpc/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fastifyTRPCOpenApiPlugin, generateOpenApiDocument, type OpenAPIObject } from 'trpc-to-openapi';
import { describeError } from './errors';
import { moduleRoutesOpenApi } from './module-routes';
import {
  buildRestRoutes,
  createRestFastPath,
  matchRestRoute,
  type RestMatch,
  type RestRoutes,
  restPathOf,
} from './rest-fast-path';
import { type ContextFactory, contextInput } from './trpc';

export const REST_BASE_PATH = '/v1';

/** The generator documents every success as 200; a procedure with `successStatus` gets its own instead. */
const applySuccessStatuses = (doc: OpenAPIObject, router: AnyTRPCRouter): void => {
  const procedures = router._def.procedures as unknown as Record<string, { _def: { meta?: Meta } }>;
  for (const { _def } of Object.values(procedures)) {
    const { openapi, successStatus } = _def.meta ?? {};
    if (!openapi || !successStatus) continue;
    const method = openapi.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    const responses = doc.paths?.[openapi.path]?.[method]?.responses as Record<string, unknown> | undefined;
    if (!responses?.['200']) continue;
    responses[String(successStatus)] = responses['200'];
    delete responses['200'];
  }
};

type Operation = { deprecated?: boolean };
const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

/** A deprecated version's document marks every operation deprecated: all of them go at its sunset. */
const deprecateAll = (doc: OpenAPIObject): void => {
  for (const item of Object.values(doc.paths ?? {})) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (operation) operation.deprecated = true;
    }
  }
};

/**
 * The OpenAPI 3.1 document of one API version (default: the current one, served at /documentation/json and
 * /documentation/{version}/json): every procedure that carries `meta.openapi`, plus the modules' documented
 * plain routes (Stripe webhook, waitlist CSV, ...). `info` names the version, its status and its sunset.
 */
export const buildOpenApiDocument = (
  publicBaseUrl: string,
  routes: readonly AnyHttpRoute[] = [],
  opts: { version?: ApiVersion; router?: AnyTRPCRouter } = {},
): OpenAPIObject => {
  const router = opts.router ?? appRouter;
  const versionId = opts.version?.id ?? REST_BASE_PATH.slice(1);
  const doc = generateOpenApiDocument(router, {
    title: 'ByteLyst Platform API',
    description:
      'REST face of the platform routers. Authenticate with `Authorization: Bearer <access token or blt_ API token>`; ' +
      'pick the product with the `x-product-id` header. Errors: `{ error: { code, message, fields?, reason? } }`.',
    version: versionId,
    baseUrl: `${publicBaseUrl.replace(/\/$/, '')}/${versionId}`,
    securitySchemes: {
      bearerAuth: { type: 'http', scheme: 'bearer', description: 'JWT access token or `blt_` API token' },
    },
  });
  applySuccessStatuses(doc, router);
  doc.paths = { ...doc.paths, ...moduleRoutesOpenApi(routes, REST_BASE_PATH) };
  const version = opts.version;
  if (version) {
    Object.assign(doc.info, {
      'x-status': version.status,
      'x-released-at': version.releasedAt,
      ...(version.deprecatedAt ? { 'x-deprecated-at': version.deprecatedAt } : {}),
      ...(version.sunsetAt ? { 'x-sunset': version.sunsetAt } : {}),
      'x-migration-guide': version.migrationGuideUrl,
    });
    if (version.status === 'deprecated') deprecateAll(doc);
  }
  return doc;
};

/** The router's deprecated operations, for the console (`apiVersions.getOverview`). */
export const deprecatedOperationsOf = (router: AnyTRPCRouter = appRouter) =>
  Object.entries(router._def.procedures as Record<string, { _def: { meta?: Meta } }>).flatMap(
    ([procedure, { _def }]) => {
      const { openapi, deprecation } = _def.meta ?? {};
      if (!openapi || !deprecation) return [];
      return [{ procedure, route: `${openapi.method} ${REST_BASE_PATH}${openapi.path}`, ...deprecation }];
    },
  );

let restRoutes: RestRoutes | undefined;
const restMatches = new WeakMap<FastifyRequest, RestMatch | null>();

/**
 * The procedure route a request under /v1 calls, matched once per request: the REST scope and the
 * rate-limit plugin (which looks earlier, in onRequest) share the answer.
 */
export const restMatchOf = (request: FastifyRequest): RestMatch | undefined => {
  const known = restMatches.get(request);
  if (known !== undefined) return known ?? undefined;
  restRoutes ??= buildRestRoutes(appRouter);
  const match = matchRestRoute(restRoutes, request.method, restPathOf(request.url, REST_BASE_PATH)) ?? null;
  restMatches.set(request, match);
  return match ?? undefined;
};

/**
 * The REST face under /v1: trpc-to-openapi's Fastify adapter over the same routers, with its route handler
 * wrapped so that every call it can take goes through the fast path (rest-fast-path.ts) instead; `fastPath:
 * false` leaves the adapter alone. Error bodies on both paths are rewritten into the API's shape through
 * `describeError`, the mapping the rest of the server uses.
 */
export const registerRest = (
  app: FastifyInstance,
  opts: { createContext: ContextFactory; fastPath?: boolean },
): void => {
  // Built up front: building coerces the input schemas once, before any call on either path.
  restRoutes ??= buildRestRoutes(appRouter);
  const matches = new WeakMap<FastifyRequest, RestMatch>();
  const failures = new WeakMap<FastifyRequest, unknown>();
  const cacheable = new WeakMap<FastifyRequest, number>();
  const successStatuses = new WeakMap<FastifyRequest, number>();
  const createContext = ({ req }: { req: FastifyRequest }) => opts.createContext(contextInput(req));
  const onError = ({ error, req }: { error: unknown; req: FastifyRequest }) => {
    failures.set(req, error);
  };
  const fastPath =
    opts.fastPath === false
      ? null
      : createRestFastPath({ createContext: (req) => createContext({ req }), onError });
  void app.register(async (scope) => {
    scope.addHook('preHandler', (request, _reply, done) => {
      const match = restMatchOf(request);
      request.procedure = match ? match.route.procedure : 'unknown';
      if (match) matches.set(request, match);
      if (match?.route.cacheSeconds && request.method === 'GET')
        cacheable.set(request, match.route.cacheSeconds);
      if (match?.route.successStatus) successStatuses.set(request, match.route.successStatus);
      done();
    });
    scope.addHook('onSend', (request, reply, payload, done) => {
      const failure = failures.get(request);
      if (failure === undefined) {
        const successStatus = successStatuses.get(request);
        if (successStatus !== undefined && reply.statusCode === 200) void reply.code(successStatus);
        const maxAge = cacheable.get(request);
        if (maxAge !== undefined && reply.statusCode === 200) {
          void reply.header('cache-control', `public, max-age=${maxAge}`).header('vary', 'x-product-id');
        }
        done(null, payload);
        return;
      }
      const { status, body, retryAfter } = describeError(failure);
      if (status >= 500) request.log.error({ err: failure }, 'rest call failed');
      void reply.code(status).header('content-type', 'application/json; charset=utf-8');
      if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
      done(null, JSON.stringify(body));
    });
    if (fastPath) {
      // The adapter registers one catch-all route; its handler stays the fallback for what the fast path declines.
      scope.addHook('onRoute', (route) => {
        const adapter = route.handler;
        route.handler = async function restHandler(this: FastifyInstance, request, reply) {
          const match = matches.get(request);
          if (match && (await fastPath(request, reply, match))) return reply;
          return adapter.call(this, request, reply);
        };
      });
    }
    await scope.register(fastifyTRPCOpenApiPlugin, {
      basePath: REST_BASE_PATH,
      router: appRouter,
      createContext,
      onError,
    });
  });
};
