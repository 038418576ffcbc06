/**
 * IP rules and rate limits on both faces (the ratelimit module's rules, enforced here). Two `onRequest` hooks,
 * registered apart so the maintenance plugin's hook runs between them (issue 15's pipeline):
 *
 *   1. IP rules (`registerIpRules`): a deny rule answers 403 before authentication; an allow rule exempts the
 *      request from rate limits.
 *   2. (maintenance)
 *   3. Rate limits (`registerRateLimits`): every rule covering the procedure counts the request; the tightest
 *      rule's RateLimit-Limit / -Remaining / -Reset go on the answer, and a refused request gets 429 with
 *      Retry-After and the API's error body naming the rule (a tRPC error shape on /trpc, one per call of a batch).
 *
 * Both run before the body is read. Neither awaits anything for an anonymous request once the product's rules
 * are cached; a signed-in request waits for its context, which the handler then reuses (`contextPerRequest`).
 * Never refused: health, metrics, the public status page, reading the maintenance settings, and the Stripe
 * and SendGrid webhooks (issue 15's shared list).
 */

import { AppError, toTRPCError } from '@bytelyst/routers/errors';
import type { Operation } from '@bytelyst/routers/modules/ratelimit/patterns';
import type { ProductRules } from '@bytelyst/routers/modules/ratelimit/product-rules';
import { appRouter } from '@bytelyst/routers/root';
import type { Services } from '@bytelyst/routers/services';
import type { Meta } from '@bytelyst/routers/trpc';
import { getErrorShape, transformTRPCResponse } from '@trpc/server/unstable-core-do-not-import';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { describeError, sendError } from './errors';
import { REST_BASE_PATH, restMatchOf } from './openapi';
import { type ContextFactory, contextInput } from './trpc';

type Procedure = { _def: { type: string; meta?: Meta } };
const PROCEDURES = appRouter._def.procedures as unknown as Record<string, Procedure>;
const TRPC_CONFIG = appRouter._def._config;

/** Each procedure as an operation: its name and REST route, which rule patterns match. */
const OPERATIONS = new Map<string, Operation>(
  Object.entries(PROCEDURES).map(([name, procedure]) => {
    const openapi = procedure._def.meta?.openapi;
    return [name, openapi ? { name, rest: `${openapi.method} ${REST_BASE_PATH}${openapi.path}` } : { name }];
  }),
);

const NEVER_REFUSED_PREFIXES = ['/health', '/metrics', `${REST_BASE_PATH}/public/status`];
const NEVER_REFUSED_ROUTES = new Set([`GET ${REST_BASE_PATH}/settings/maintenance`]);
const NEVER_REFUSED_OPERATIONS = new Set(['stripe.webhook', 'delivery.sendgridEvents']);

const pathOf = (url: string) => {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
};

const neverRefused = (request: FastifyRequest): boolean => {
  const path = pathOf(request.url);
  if (NEVER_REFUSED_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) return true;
  return NEVER_REFUSED_ROUTES.has(`${request.method} ${path}`);
};

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const JWT = /^Bearer\s+[A-Za-z0-9_-]+\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+$/i;

const firstHeader = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * The product a request will run in, as far as it can be told before authentication: the header, else the
 * product an access token names (read, not verified: it only picks which product's deny list to consult
 * first; the rate-limit hook checks the product the request really resolved to), else the default.
 */
const productBeforeAuth = (request: FastifyRequest, defaultProductId: string): string => {
  const header = firstHeader(request.headers['x-product-id'])?.trim();
  if (header) return SLUG.test(header) ? header : defaultProductId;
  const token = JWT.exec(firstHeader(request.headers.authorization) ?? '');
  if (token?.[1]) {
    try {
      const { pid } = JSON.parse(Buffer.from(token[1], 'base64url').toString('utf8')) as { pid?: unknown };
      if (typeof pid === 'string' && SLUG.test(pid)) return pid;
    } catch {
      // Not a JWT after all: the context will say so.
    }
  }
  return defaultProductId;
};

/**
 * One context per request: the rate-limit hook and the handler (tRPC, REST or a plain route) share the same
 * authentication instead of doing it twice. Keyed on the request's headers object, which every face hands in.
 */
export const contextPerRequest = (createContext: ContextFactory): ContextFactory => {
  const built = new WeakMap<object, ReturnType<ContextFactory>>();
  return (input) => {
    let pending = built.get(input.headers);
    if (!pending) {
      pending = createContext(input);
      built.set(input.headers, pending);
    }
    return pending;
  };
};

export type TrafficRulesDeps = {
  services: Services;
  createContext: ContextFactory;
  /** False: neither hook is registered (the bench's "checks off"). */
  enabled?: boolean;
};

/** What the hooks learnt about a request, for the later hook and the answer. */
type Seen = { productId: string; exempt: boolean; limited: boolean };
const seen = new WeakMap<FastifyRequest, Seen>();

/** The operations a request calls (a tRPC batch calls several); none for what is not a procedure or route. */
const operationsFor =
  (routes: ReadonlyMap<string, Operation>) =>
  (request: FastifyRequest): Operation[] => {
    const route = request.routeOptions.url;
    if (route === '/trpc/:path') {
      const names = (request.params as { path?: string }).path ?? '';
      return names
        .split(',')
        .map((name) => OPERATIONS.get(name))
        .filter((operation): operation is Operation => operation !== undefined);
    }
    if (route === `${REST_BASE_PATH}/*`) {
      const match = restMatchOf(request);
      const operation = match ? OPERATIONS.get(match.route.procedure) : undefined;
      return operation ? [operation] : [];
    }
    const plain = routes.get(`${request.method} ${route}`);
    return plain ? [plain] : [];
  };

/** The 403 or 429 in the face's own shape: tRPC error shapes on /trpc (an array for a batch), else REST's. */
const refuse = (request: FastifyRequest, reply: FastifyReply, error: AppError) => {
  const described = describeError(error);
  if (request.routeOptions.url !== '/trpc/:path') {
    void sendError(reply, described);
    return;
  }
  const trpcError = toTRPCError(error);
  // Every call of the URL gets its answer, as tRPC would give them (a batch's in order).
  const paths = ((request.params as { path?: string }).path ?? '').split(',');
  const shapes = paths.map((path) => ({
    error: getErrorShape({
      config: TRPC_CONFIG,
      ctx: undefined,
      error: trpcError,
      input: undefined,
      path,
      type: (Object.hasOwn(PROCEDURES, path) ? PROCEDURES[path]?._def.type : 'unknown') as 'query',
    }),
  }));
  const batch = (request.query as Record<string, unknown>).batch !== undefined;
  if (described.retryAfter !== undefined) void reply.header('retry-after', String(described.retryAfter));
  void reply
    .code(described.status)
    .header('content-type', 'application/json')
    .send(JSON.stringify(transformTRPCResponse(TRPC_CONFIG, (batch ? shapes : shapes[0]) as never)));
};

const denied = (cidr: string) =>
  new AppError('FORBIDDEN', `Requests from this address are not accepted (${cidr})`, { reason: 'ip_denied' });

/**
 * Adds hooks to the root once the plugins registered before it have loaded (as fastify-plugin does), so CORS's
 * own hook runs first and a refusal still carries its headers; the hooks apply to every route.
 */
const atRoot = (app: FastifyInstance, addHooks: (root: FastifyInstance) => void): void => {
  const plugin = async (root: FastifyInstance) => addHooks(root);
  Object.assign(plugin, { [Symbol.for('skip-override')]: true });
  void app.register(plugin);
};

/** Resolves a value that may be a promise, synchronously when it is not. */
const then = <T>(value: T | Promise<T>, next: (value: T) => void, failed: (error: unknown) => void) => {
  if (value instanceof Promise) value.then(next, failed);
  else next(value);
};

/** Hook 1: deny -> 403 before authentication; allow -> no rate limits. */
export const registerIpRules = (app: FastifyInstance, deps: TrafficRulesDeps): void => {
  if (deps.enabled === false) return;
  const enforcement = deps.services.ratelimit.enforcement;
  const defaultProductId = deps.services.config.defaultProductId;
  atRoot(app, (root) =>
    root.addHook('onRequest', (request, reply, done) => {
      if (neverRefused(request)) {
        done();
        return;
      }
      const productId = productBeforeAuth(request, defaultProductId);
      then(
        enforcement.rulesOf(productId),
        (rules: ProductRules) => {
          const verdict = enforcement.ipVerdict(rules, request.ip);
          seen.set(request, { productId, exempt: verdict?.action === 'allow', limited: false });
          if (verdict?.action !== 'deny') {
            done();
            return;
          }
          enforcement.denied(productId);
          refuse(request, reply, denied(verdict.cidr));
        },
        (error) => {
          request.log.error({ err: error }, 'ip rules unavailable; request let through');
          done();
        },
      );
    }),
  );
};

const LIMIT_NAMES: Record<string, string> = {
  'auth.login': 'Sign-in lockout per account',
  'sso.start': 'SSO sign-ins per client address',
};

/** Hook 3: counts the request against the rules that cover its procedures; 429 past a limit. */
export const registerRateLimits = (app: FastifyInstance, deps: TrafficRulesDeps): void => {
  if (deps.enabled === false) return;
  const enforcement = deps.services.ratelimit.enforcement;
  const defaultProductId = deps.services.config.defaultProductId;
  const routes = new Map<string, Operation>(
    deps.services.routes.map((route) => [
      `${route.method} ${route.path}`,
      { name: route.procedure, rest: `${route.method} ${route.path}` },
    ]),
  );
  const operationsOf = operationsFor(routes);

  const check = (
    request: FastifyRequest,
    reply: FastifyReply,
    done: (error?: Error) => void,
    operations: readonly Operation[],
    rules: ProductRules,
    caller: { ip: string; userId?: string; tokenId?: string },
  ) => {
    then(
      enforcement.limit(rules, operations, caller),
      (outcome) => {
        if (outcome.headers) {
          void reply
            .header('ratelimit-limit', String(outcome.headers.limit))
            .header('ratelimit-remaining', String(outcome.headers.remaining))
            .header('ratelimit-reset', String(outcome.headers.resetSeconds));
        }
        if (!outcome.refused) {
          done();
          return;
        }
        const { rule, limit, retryAfterSeconds } = outcome.refused;
        const state = seen.get(request);
        if (state) state.limited = true;
        const window =
          rule.windowMs >= 60_000 ? `${rule.windowMs / 60_000} min` : `${rule.windowMs / 1000} s`;
        const error = new AppError(
          'TOO_MANY_REQUESTS',
          `Rate limit '${rule.name}' (${rule.id}): ${limit} requests per ${window}; retry in ${retryAfterSeconds} s`,
          { reason: 'rate_limited', rule: rule.id, retryAfterSeconds },
        );
        refuse(request, reply, error);
      },
      (error) => {
        request.log.error({ err: error }, 'rate limits unavailable; request let through');
        done();
      },
    );
  };

  atRoot(app, (root) =>
    root.addHook('onRequest', (request, reply, done) => {
      const state = seen.get(request);
      if (state?.exempt || neverRefused(request)) {
        done();
        return;
      }
      const operations = operationsOf(request);
      if (operations.length === 0 || operations.some((op) => NEVER_REFUSED_OPERATIONS.has(op.name))) {
        done();
        return;
      }
      const before = state?.productId ?? productBeforeAuth(request, defaultProductId);
      if (request.headers.authorization === undefined) {
        then(
          enforcement.rulesOf(before),
          (rules) => check(request, reply, done, operations, rules, { ip: request.ip }),
          () => done(),
        );
        return;
      }
      // Signed in: the product and the key come from the context (which the handler reuses). A context that
      // fails (a bad product header) is the handler's to answer.
      deps.createContext(contextInput(request)).then(
        (ctx) => {
          const caller = {
            ip: request.ip,
            ...(ctx.principal ? { userId: ctx.principal.userId } : {}),
            ...(ctx.principal?.tokenId ? { tokenId: ctx.principal.tokenId } : {}),
          };
          then(
            enforcement.rulesOf(ctx.productId),
            (rules) => {
              if (ctx.productId !== before) {
                // The IP hook consulted another product's list: this product's rules decide.
                const verdict = enforcement.ipVerdict(rules, request.ip);
                if (verdict?.action === 'deny') {
                  enforcement.denied(ctx.productId);
                  refuse(request, reply, denied(verdict.cidr));
                  return;
                }
                if (verdict?.action === 'allow') {
                  done();
                  return;
                }
              }
              check(request, reply, done, operations, rules, caller);
            },
            () => done(),
          );
        },
        () => done(),
      );
    }),
  );

  // A 429 a module answered itself (a locked account) counts in the stats too, by client address.
  atRoot(app, (root) =>
    root.addHook('onResponse', (request, reply, done) => {
      if (reply.statusCode !== 429 || seen.get(request)?.limited) {
        done();
        return;
      }
      const operation = request.procedure || 'unknown';
      deps
        .createContext(contextInput(request))
        .then(
          (ctx) => ctx.productId,
          () => seen.get(request)?.productId ?? defaultProductId,
        )
        .then((productId) => {
          enforcement.limitedElsewhere(productId, {
            ruleId: null,
            ruleName: LIMIT_NAMES[operation] ?? `Module limit (${operation})`,
            operation,
            keyKind: 'ip',
            key: request.ip,
            ip: request.ip,
            userId: null,
          });
        })
        .finally(done);
    }),
  );
};
