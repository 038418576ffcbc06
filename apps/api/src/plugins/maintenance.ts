import type { Clock } from '@bytelyst/db/document-store';
import { AppError, toTRPCError } from '@bytelyst/routers/errors';
import { type Authenticated, authenticateRequest } from '@bytelyst/routers/modules/auth/authenticate';
import { STRIPE_WEBHOOK_PATH } from '@bytelyst/routers/modules/billing/stripe/webhook-route';
import type { CompiledMaintenance, MaintenanceSnapshot } from '@bytelyst/routers/modules/maintenance/gate';
import { ZProductId } from '@bytelyst/routers/modules/products/schema';
import { appRouter } from '@bytelyst/routers/root';
import type { Services } from '@bytelyst/routers/services';
import { getErrorShape } from '@trpc/server/unstable-core-do-not-import';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { REST_BASE_PATH } from './openapi';
import { buildRestRoutes, matchRestRoute, restPathOf } from './rest-fast-path';
import { registerRootHooks } from './root-hooks';

/**
 * Procedures maintenance never refuses, on either face: sign-in (so that bypass roles can sign in, and keep
 * their session), the maintenance config itself (clients poll it; PUT is admin-only by its level and is the
 * way out, so refusing it could lock every admin out) and the kill switch clients poll beside it.
 */
export const NEVER_REFUSED_PROCEDURES: ReadonlySet<string> = new Set([
  'auth.login',
  'auth.refresh',
  'sso.listEnabled',
  'sso.start',
  'sso.finish',
  'maintenance.get',
  'maintenance.getSchedule',
  'maintenance.set',
  'settings.getKillSwitch',
  // The public status page: users must learn about the maintenance from it, and may subscribe to hear the end.
  'status.get',
  'status.getHistory',
  'status.subscribe',
  'status.confirm',
  'status.unsubscribe',
]);

/**
 * Routes (method and registered URL) outside the procedures that are never refused: health and metrics for
 * the platform's probes, and the providers' inbound webhooks (Stripe gives up on events it cannot deliver).
 */
export const NEVER_REFUSED_ROUTES: ReadonlySet<string> = new Set([
  'GET /health',
  'GET /health/ready',
  'GET /metrics',
  `POST ${STRIPE_WEBHOOK_PATH}`,
  'POST /v1/delivery/sendgrid/events',
]);

/** The public status page's API: users must learn about the maintenance from it. */
const NEVER_REFUSED_PREFIX = `${REST_BASE_PATH}/public/status`;

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
const TRPC_PREFIX = '/trpc/';

type Classified = { exempt: boolean; mutation: boolean; procedures: string[] | null };

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
};

/**
 * Refuses requests while a product is in maintenance, before any procedure runs (an `onRequest` hook, after IP
 * rules and before rate limits): `read_only` refuses changes (a tRPC POST, a REST method other than GET, HEAD
 * or OPTIONS), `maintenance` and `emergency` everything, with 503, `Retry-After` and the product's message in
 * the face's usual error body (`reason` is the mode). Principals with a bypass role and callers from a bypass
 * CIDR pass. While every product is off, a request costs one check of an in-memory snapshot.
 */
export const registerMaintenance = (
  app: FastifyInstance,
  deps: { services: Services; clock: Clock },
): void => {
  const { services, clock } = deps;
  const gate = services.maintenance.gate;
  const restRoutes = buildRestRoutes(appRouter);
  const trpcConfig = appRouter._def._config;

  const classify = (request: FastifyRequest): Classified => {
    const method = request.method;
    const url = request.url;
    if (url.startsWith(TRPC_PREFIX)) {
      const raw =
        (request.params as { path?: string }).path ?? url.slice(TRPC_PREFIX.length).split('?')[0] ?? '';
      const procedures = raw.split(',');
      return {
        exempt: procedures.every((path) => NEVER_REFUSED_PROCEDURES.has(path)),
        // Queries are GETs; every POST to /trpc is a mutation (or a batch of them).
        mutation: method !== 'GET',
        procedures,
      };
    }
    const mutation = !READS.has(method);
    const route = `${method === 'HEAD' ? 'GET' : method} ${request.routeOptions.url ?? ''}`;
    if (method === 'OPTIONS' || NEVER_REFUSED_ROUTES.has(route))
      return { exempt: true, mutation, procedures: null };
    if (!url.startsWith(REST_BASE_PATH)) return { exempt: false, mutation, procedures: null };
    const path = restPathOf(url, REST_BASE_PATH);
    if (`${REST_BASE_PATH}${path}`.startsWith(NEVER_REFUSED_PREFIX))
      return { exempt: true, mutation, procedures: null };
    const match = matchRestRoute(restRoutes, method === 'HEAD' ? 'GET' : method, path);
    const procedure = match?.route.procedure;
    return {
      exempt: procedure !== undefined && NEVER_REFUSED_PROCEDURES.has(procedure),
      mutation,
      procedures: null,
    };
  };

  const refuse = (
    request: FastifyRequest,
    reply: FastifyReply,
    classified: Classified,
    product: CompiledMaintenance,
  ) => {
    const { mode } = product.config;
    void reply.code(503).header('retry-after', String(product.retryAfterSeconds(clock())));
    request.procedure = 'maintenance';
    if (!classified.procedures) {
      void reply.send({ error: { code: 'UNAVAILABLE', message: product.message, reason: mode } });
      return;
    }
    const error = toTRPCError(new AppError('UNAVAILABLE', product.message, { reason: mode }));
    const type = classified.mutation ? 'mutation' : 'query';
    const shapeOf = (path: string) =>
      getErrorShape({ config: trpcConfig, error, type, path, input: undefined, ctx: undefined });
    const batch = (request.query as Record<string, unknown>).batch !== undefined;
    const body = batch
      ? classified.procedures.map((path) => ({ error: shapeOf(path) }))
      : { error: shapeOf(classified.procedures[0] ?? '') };
    void reply.header('content-type', 'application/json').send(JSON.stringify(body));
  };

  /** True when the request was refused (the reply is sent). */
  const enforce = async (
    request: FastifyRequest,
    reply: FastifyReply,
    snapshot: MaintenanceSnapshot,
  ): Promise<boolean> => {
    const classified = classify(request);
    if (classified.exempt) return false;
    const asked = header(request, 'x-product-id');
    const authorization = header(request, 'authorization');
    // The principal is only needed for its product (no header) or for a bypass role: verified once, lazily.
    let auth: Promise<Authenticated | undefined> | undefined;
    const authenticated = () => {
      auth ??= authenticateRequest(services, authorization);
      return auth;
    };
    const productId =
      asked && ZProductId.safeParse(asked).success
        ? asked
        : ((authorization ? (await authenticated())?.productId : undefined) ??
          services.config.defaultProductId);
    const product = snapshot.of(productId);
    const { mode } = product.config;
    if (mode === 'off' || (mode === 'read_only' && !classified.mutation)) return false;
    if (product.bypassesIp(request.ip)) return false;
    if (authorization && product.config.bypassRoles.length > 0) {
      const roles = (await authenticated())?.principal.roles ?? [];
      if (product.bypassesRoles(roles)) return false;
    }
    refuse(request, reply, classified, product);
    return true;
  };

  const failOpen = (request: FastifyRequest, error: unknown) =>
    request.log.warn({ err: error }, 'maintenance check failed; the request goes on');

  registerRootHooks(app, (root) => {
    root.addHook('onRequest', (request, reply, done) => {
      const current = gate.current();
      if (!(current instanceof Promise) && !current.anyOn) {
        done();
        return;
      }
      Promise.resolve(current)
        .then((snapshot) => (snapshot.anyOn ? enforce(request, reply, snapshot) : false))
        .then(
          (refused) => {
            if (!refused) done();
          },
          (error: unknown) => {
            failOpen(request, error);
            done();
          },
        );
    });
  });
};
