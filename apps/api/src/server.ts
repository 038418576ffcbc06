import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { BlobStore } from '@bytelyst/db/blob';
import type { Clock, DocumentStore } from '@bytelyst/db/document-store';
import { createContextFactory } from '@bytelyst/routers/context';
import type { Services } from '@bytelyst/routers/services';
import cors from '@fastify/cors';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import type { Env } from './env';
import { registerApiVersions, rewriteVersionUrl } from './plugins/api-versions';
import { registerBusinessMetrics } from './plugins/business-metrics';
import { registerDocs } from './plugins/docs';
import { describeError, registerErrorHandling } from './plugins/errors';
import { registerHealth } from './plugins/health';
import { createIdentityMemory, LOG_REDACT, RequestLogController } from './plugins/logging';
import { registerMaintenance } from './plugins/maintenance';
import { registerMetrics } from './plugins/metrics';
import { registerModuleRoutes } from './plugins/module-routes';
import {
  buildOpenApiDocument,
  deprecatedOperationsOf,
  REST_BASE_PATH,
  registerRest,
} from './plugins/openapi';
import { contextPerRequest, registerIpRules, registerRateLimits } from './plugins/ratelimit';
import { registerSecurityHeaders } from './plugins/security-headers';
import { registerTrpc } from './plugins/trpc';
import { registerWorkerMetrics } from './plugins/worker-metrics';

export type ServerDeps = {
  env: Env;
  store: DocumentStore;
  blob: BlobStore;
  clock: Clock;
  /** A pino logger; default: Fastify's pino at LOG_LEVEL on stdout (or on `logStream`). */
  logger?: FastifyBaseLogger;
  logStream?: { write(line: string): void };
  /** Built by the composition root (`createPlatform`), or by a test from the same parts. */
  services: Services;
  /** Plain tRPC calls skip the fetch adapter (plugins/trpc-fast-path.ts); false: every call goes through it. */
  trpcFastPath?: boolean;
  /** REST calls skip trpc-to-openapi's adapter (plugins/rest-fast-path.ts); false: every call goes through it. */
  restFastPath?: boolean;
  /**
   * The request checks: IP rules, maintenance and rate limits (plugins/ratelimit.ts, plugins/maintenance.ts);
   * false: none of them runs (the bench compares).
   */
  requestChecks?: boolean;
  /** Called just before and just after the request checks add their hooks: the bench times the stretch. */
  aroundChecks?: (app: FastifyInstance, at: 'before' | 'after') => void;
};

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A caller's `x-request-id` when it is short and plain (it ends up in logs and the audit log), else a UUID. */
export const requestIdOf = (req: IncomingMessage): string => {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
};

/** The HTTP server: both faces of the routers, the modules' plain routes, docs, health and metrics. Not yet listening. */
export const buildServer = (deps: ServerDeps): FastifyInstance => {
  const { env } = deps;
  const { services } = deps;
  const identities = createIdentityMemory();
  const createContext = contextPerRequest(identities.wrap(createContextFactory(services)));
  const traffic = { services, createContext, enabled: deps.requestChecks ?? true };
  const versions = services.apiVersions.registry;
  if (`/${versions.current.id}` !== REST_BASE_PATH) {
    throw new Error(
      `the current API version must be ${REST_BASE_PATH.slice(1)} (got ${versions.current.id})`,
    );
  }

  const app: FastifyInstance = Fastify({
    ...(deps.logger
      ? { loggerInstance: deps.logger }
      : {
          logger: {
            level: env.LOG_LEVEL,
            redact: LOG_REDACT,
            ...(deps.logStream ? { stream: deps.logStream } : {}),
          },
        }),
    logController: new RequestLogController(identities.identityOf),
    genReqId: requestIdOf,
    trustProxy: env.TRUST_PROXY.split(',').map((entry) => entry.trim()),
    requestIdHeader: false,
    routerOptions: { maxParamLength: 5000 },
    // A deprecated version's paths are served by the current version's handlers (plugins/api-versions.ts).
    rewriteUrl: rewriteVersionUrl(versions),
    bodyLimit: 1024 * 1024,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // Errors before routing (a malformed URL, say) get the same JSON body as every other error.
    frameworkErrors: (error, _request, reply) => {
      const { status, body } = describeError(error);
      void (reply as FastifyReply).code(status).send(body);
    },
  });

  registerErrorHandling(app);
  const metrics = registerMetrics(app);
  const unobserve = registerWorkerMetrics(metrics, services);
  const unobserveBusiness = registerBusinessMetrics(app, metrics, services);
  app.addHook('onClose', async () => {
    unobserve();
    unobserveBusiness();
  });
  registerSecurityHeaders(app, { hsts: env.NODE_ENV === 'production' });
  registerApiVersions(app, {
    versions: services.apiVersions,
    createContext,
    metrics,
    publicBaseUrl: env.PUBLIC_BASE_URL,
  });
  services.apiVersions.useDeprecatedOperations(deprecatedOperationsOf());
  // Deprecated-version calls counted in memory are written before the process lets go of the store.
  app.addHook('onClose', async () => services.apiVersions.flush());
  void app.register(cors, {
    origin: env.CORS_ORIGINS,
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'x-product-id', 'x-request-id', 'trpc-accept'],
    exposedHeaders: [
      'x-request-id',
      'ratelimit-limit',
      'ratelimit-remaining',
      'ratelimit-reset',
      'retry-after',
      // A browser client on another origin can only see its version is deprecated if these are exposed.
      'deprecation',
      'sunset',
      'link',
    ],
    maxAge: 600,
  });

  // The request pipeline, in this order: IP rules, maintenance, rate limits (each an onRequest hook).
  deps.aroundChecks?.(app, 'before');
  registerIpRules(app, traffic);
  if (traffic.enabled) registerMaintenance(app, { services, clock: deps.clock });
  registerRateLimits(app, traffic);
  deps.aroundChecks?.(app, 'after');
  registerHealth(app, { store: deps.store, blob: deps.blob });
  registerTrpc(app, { createContext, fastPath: deps.trpcFastPath ?? true });
  registerRest(app, { createContext, fastPath: deps.restFastPath ?? true });
  registerModuleRoutes(app, { routes: services.routes, createContext });
  registerDocs(app, {
    documents: versions.versions
      .filter((version) => version.status !== 'retired')
      .map((version) => ({
        version,
        document: buildOpenApiDocument(env.PUBLIC_BASE_URL, services.routes, { version }),
      })),
    currentId: versions.current.id,
    ui: env.SWAGGER_UI_ENABLED,
  });
  return app;
};
