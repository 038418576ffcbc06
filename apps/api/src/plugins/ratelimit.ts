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
 * Never refused: health, metrics, the public status page, reading the maintenance settings (on REST and on
 * /trpc alike), and the Stripe and SendGrid webhooks (issue 15's shared list).
 */

import { AppError, toTRPCError } from '@bytelyst/routers/errors';
import type { AnyHttpRoute } from '@bytelyst/routers/http-route';
import type { Caller, LimitOutcome, Refusal } from '@bytelyst/routers/modules/ratelimit/enforcer';
import type { Operation } from '@bytelyst/routers/modules/ratelimit/patterns';
import type { ProductRules } from '@bytelyst/routers/modules/ratelimit/product-rules';
import { appRouter } from '@bytelyst/routers/root';
import type { Services } from '@bytelyst/routers/services';
import type { Meta } from '@bytelyst/routers/trpc';
import { getErrorShape, transformTRPCResponse } from '@trpc/server/unstable-core-do-not-import';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { describeError, sendError } from './errors';
import { REST_BASE_PATH, restMatchOf } from './openapi';
import { productBeforeAuth } from './product-before-auth';
import { NEVER_REFUSED_OPERATIONS, neverRefused } from './ratelimit-exempt';
import { registerRootHooks } from './root-hooks';
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

/**
 * One context per request: the rate-limit hook and the handler (tRPC, REST or a plain route) share the same
 * authentication instead of doing it twice. Keyed on the request's headers object, which every face hands in;
 * only for requests with credentials, the only ones the hook builds a context for (a WeakMap costs on every
 * request it is used for).
 */
export const contextPerRequest = (createContext: ContextFactory): ContextFactory => {
  const built = new WeakMap<object, ReturnType<ContextFactory>>();
  return (input) => {
    if (input.headers.authorization === undefined) return createContext(input);
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

const pathOf = (url: string) => {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
};

/**
 * The operations a request calls (a tRPC batch calls several); none for what is not a procedure or route. Told
 * from the URL as the router routes it (a module's own route before the REST catch-all), without
 * `request.routeOptions`, which Fastify builds anew on every read.
 */
const operationsFor = (routes: readonly AnyHttpRoute[]) => {
  const exact = new Map<string, Operation>();
  const prefixes: { method: string; prefix: string; operation: Operation }[] = [];
  for (const route of routes) {
    const operation = { name: route.procedure, rest: `${route.method} ${route.path}` };
    if (route.path.endsWith('*'))
      prefixes.push({ method: route.method, prefix: route.path.slice(0, -1), operation });
    else exact.set(`${route.method} ${route.path}`, operation);
  }
  return (request: FastifyRequest): Operation[] => {
    const { url } = request;
    if (url.startsWith('/trpc/')) {
      const names = (request.params as { path?: string }).path ?? '';
      if (!names.includes(',')) {
        const operation = OPERATIONS.get(names);
        return operation ? [operation] : [];
      }
      return names
        .split(',')
        .map((name) => OPERATIONS.get(name))
        .filter((operation): operation is Operation => operation !== undefined);
    }
    const path = pathOf(url);
    const plain =
      exact.get(`${request.method} ${path}`) ??
      prefixes.find((route) => route.method === request.method && path.startsWith(route.prefix))?.operation;
    if (plain) return [plain];
    if (!url.startsWith(`${REST_BASE_PATH}/`)) return [];
    const match = restMatchOf(request);
    const operation = match ? OPERATIONS.get(match.route.procedure) : undefined;
    return operation ? [operation] : [];
  };
};

/** The 403 or 429 in the face's own shape: tRPC error shapes on /trpc (an array for a batch), else REST's. */
const refuse = (request: FastifyRequest, reply: FastifyReply, error: AppError) => {
  const described = describeError(error);
  if (!request.url.startsWith('/trpc/')) {
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

declare module 'fastify' {
  interface FastifyRequest {
    /** The product whose IP rules the first hook consulted ('' when it did not run). */
    trafficProduct: string;
    /** An allow rule covers the client: no rate limits. */
    trafficExempt: boolean;
    /** This plugin answered 429 (the onResponse count skips it). */
    trafficLimited: boolean;
    /** The id of the rule that refused the request ('' unless this plugin answered 429); a metrics label. */
    trafficRule: string;
    /** `request.ip`, read once: with a trusted proxy Fastify works it out again on every read. */
    trafficIp: string;
  }
}

type Done = (error?: Error) => void;
type Enforcement = Services['ratelimit']['enforcement'];

/** The IP verdict for a request; false when it was refused (403 sent). */
const passesIpRules = (
  enforcement: Enforcement,
  request: FastifyRequest,
  reply: FastifyReply,
  productId: string,
  rules: ProductRules,
): boolean => {
  const verdict = enforcement.ipVerdict(rules, request.trafficIp);
  if (verdict === undefined) return true;
  if (verdict.action === 'allow') {
    request.trafficExempt = true;
    return true;
  }
  enforcement.denied(productId);
  refuse(request, reply, denied(verdict.cidr));
  return false;
};

const limitExceeded = (request: FastifyRequest, reply: FastifyReply, refused: Refusal) => {
  const { rule, limit, retryAfterSeconds } = refused;
  request.trafficLimited = true;
  request.trafficRule = rule.id;
  const window = rule.windowMs >= 60_000 ? `${rule.windowMs / 60_000} min` : `${rule.windowMs / 1000} s`;
  const error = new AppError(
    'TOO_MANY_REQUESTS',
    `Rate limit '${rule.name}' (${rule.id}): ${limit} requests per ${window}; retry in ${retryAfterSeconds} s`,
    { reason: 'rate_limited', rule: rule.id, retryAfterSeconds },
  );
  refuse(request, reply, error);
};

/** Writes the outcome: headers, and 429 or on to the next hook. */
const answerLimit = (request: FastifyRequest, reply: FastifyReply, done: Done, outcome: LimitOutcome) => {
  const { headers, refused } = outcome;
  if (headers) {
    void reply
      .header('ratelimit-limit', String(headers.limit))
      .header('ratelimit-remaining', String(headers.remaining))
      .header('ratelimit-reset', String(headers.resetSeconds));
  }
  if (refused) limitExceeded(request, reply, refused);
  else done();
};

/** Hook 1: deny -> 403 before authentication; allow -> no rate limits. */
export const registerIpRules = (app: FastifyInstance, deps: TrafficRulesDeps): void => {
  if (deps.enabled === false) return;
  const enforcement = deps.services.ratelimit.enforcement;
  const defaultProductId = deps.services.config.defaultProductId;
  registerRootHooks(app, (root) => {
    root.decorateRequest('trafficProduct', '');
    root.decorateRequest('trafficExempt', false);
    root.decorateRequest('trafficLimited', false);
    root.decorateRequest('trafficRule', '');
    root.decorateRequest('trafficIp', '');
    root.addHook('onRequest', (request, reply, done) => {
      if (neverRefused(request)) {
        done();
        return;
      }
      const productId = productBeforeAuth(request, defaultProductId);
      request.trafficProduct = productId;
      request.trafficIp = request.ip;
      const rules = enforcement.rulesOf(productId);
      if (!(rules instanceof Promise)) {
        if (passesIpRules(enforcement, request, reply, productId, rules)) done();
        return;
      }
      rules.then(
        (loaded) => {
          if (passesIpRules(enforcement, request, reply, productId, loaded)) done();
        },
        (error: unknown) => {
          request.log.error({ err: error }, 'ip rules unavailable; request let through');
          done();
        },
      );
    });
  });
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
  const operationsOf = operationsFor(deps.services.routes);
  const unavailable = (request: FastifyRequest, done: Done) => (error: unknown) => {
    request.log.error({ err: error }, 'rate limits unavailable; request let through');
    done();
  };

  const limitWith = (
    request: FastifyRequest,
    reply: FastifyReply,
    done: Done,
    operations: readonly Operation[],
    rules: ProductRules,
    caller: Caller,
  ) => {
    const outcome = enforcement.limit(rules, operations, caller);
    if (outcome instanceof Promise) {
      outcome.then((settled) => answerLimit(request, reply, done, settled), unavailable(request, done));
    } else {
      answerLimit(request, reply, done, outcome);
    }
  };

  /** Signed in: the product and the key come from the context, which the handler then reuses. */
  const limitSignedIn = async (
    request: FastifyRequest,
    reply: FastifyReply,
    done: Done,
    operations: readonly Operation[],
    before: string,
  ) => {
    let ctx: Awaited<ReturnType<ContextFactory>>;
    try {
      ctx = await deps.createContext(contextInput(request));
    } catch {
      // A context that fails (a malformed product header) is the handler's to answer.
      done();
      return;
    }
    const cached = enforcement.rulesOf(ctx.productId);
    const rules = cached instanceof Promise ? await cached : cached;
    // The IP hook consulted another product's list: this product's rules decide.
    if (ctx.productId !== before && !passesIpRules(enforcement, request, reply, ctx.productId, rules)) return;
    if (request.trafficExempt) {
      done();
      return;
    }
    const { principal } = ctx;
    limitWith(request, reply, done, operations, rules, {
      ip: request.trafficIp || request.ip,
      userId: principal?.userId,
      tokenId: principal?.tokenId,
    });
  };

  registerRootHooks(app, (root) =>
    root.addHook('onRequest', (request, reply, done) => {
      // The IP hook has looked at every request but the never-refused ones (and noted its product).
      if (request.trafficExempt || (request.trafficProduct === '' && neverRefused(request))) {
        done();
        return;
      }
      const operations = operationsOf(request);
      // A batch that mixes an exempt call with others is counted like the others.
      if (operations.length === 0 || operations.every((op) => NEVER_REFUSED_OPERATIONS.has(op.name))) {
        done();
        return;
      }
      const before = request.trafficProduct || productBeforeAuth(request, defaultProductId);
      if (request.headers.authorization !== undefined) {
        limitSignedIn(request, reply, done, operations, before).catch(unavailable(request, done));
        return;
      }
      const rules = enforcement.rulesOf(before);
      if (rules instanceof Promise) {
        rules.then(
          (loaded) =>
            limitWith(request, reply, done, operations, loaded, { ip: request.trafficIp || request.ip }),
          unavailable(request, done),
        );
        return;
      }
      limitWith(request, reply, done, operations, rules, { ip: request.trafficIp || request.ip });
    }),
  );

  // A 429 a module answered itself (a locked account) counts in the stats too, by client address.
  registerRootHooks(app, (root) =>
    root.addHook('onResponse', (request, reply, done) => {
      if (reply.statusCode !== 429 || request.trafficLimited) {
        done();
        return;
      }
      const operation = request.procedure || 'unknown';
      deps
        .createContext(contextInput(request))
        .then(
          (ctx) => ctx.productId,
          () => request.trafficProduct || defaultProductId,
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
