import type { IncomingMessage } from 'node:http';
import type { OperationDeprecation } from '@bytelyst/routers/lib/api-versions';
import {
  type ApiVersion,
  type ApiVersionRegistry,
  absoluteUrl,
  deprecationHeaders,
  versionIdOfPath,
} from '@bytelyst/routers/lib/api-versions';
import type { UsageCall } from '@bytelyst/routers/modules/api-versions/usage';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, type Registry } from 'prom-client';
import { REST_BASE_PATH, restMatchOf } from './openapi';
import { registerRootHooks } from './root-hooks';
import { type ContextFactory, contextInput } from './trpc';

/**
 * Serves a deprecated version with the current version's handlers: `/v0/users` is routed as `/v1/users`, so IP
 * rules, maintenance, rate limits, the REST face and the plain routes treat it as what it is; only the
 * headers (and the usage count) tell it apart. Retired and unknown versions are left as they are.
 */
export const rewriteVersionUrl =
  (registry: ApiVersionRegistry) =>
  (req: IncomingMessage): string => {
    const url = req.url ?? '/';
    const id = versionIdOfPath(url);
    if (!id || id === registry.current.id) return url;
    if (registry.get(id)?.status !== 'deprecated') return url;
    return `${REST_BASE_PATH}${url.slice(id.length + 1)}`;
  };

type Deprecated = { version: string; kind: 'version' | 'operation' };

/** `token:<id>` for an API token, else `product:<id>` (a signed-in user or an anonymous client of a product). */
const clientOf = async (
  createContext: ContextFactory,
  request: FastifyRequest,
): Promise<{ client: string; productId: string }> => {
  try {
    // The context the call itself used (cached per request by `contextPerRequest`), built now if it was not.
    const ctx = await createContext(contextInput(request));
    const tokenId = ctx.principal?.kind === 'apiToken' ? ctx.principal.tokenId : undefined;
    return { client: tokenId ? `token:${tokenId}` : `product:${ctx.productId}`, productId: ctx.productId };
  } catch {
    return { client: 'unidentified', productId: 'unknown' };
  }
};

const retiredBody = (
  version: ApiVersion,
  registry: ApiVersionRegistry,
  publicBaseUrl: string,
  url: string,
) => {
  const current = registry.current.id;
  const detail = `API ${version.id} is retired; use /${current} (see the migration guide).`;
  return {
    type: absoluteUrl(registry.policyUrl, publicBaseUrl),
    title: 'API version retired',
    status: 410,
    detail,
    instance: url,
    currentVersion: current,
    currentBaseUrl: `${publicBaseUrl.replace(/\/$/, '')}/${current}`,
    migrationGuideUrl: absoluteUrl(version.migrationGuideUrl, publicBaseUrl),
    error: { code: 'GONE', message: detail, reason: 'api_version_retired' },
  };
};

/**
 * The versioning contract on the wire: 410 for every path under a retired version; Deprecation, Sunset and Link
 * on every answer under a deprecated version and on a deprecated operation's answers; each such call counted
 * on /metrics (`api_deprecated_requests_total`) and in the store (after the answer, batched by the module).
 */
export const registerApiVersions = (
  app: FastifyInstance,
  deps: {
    versions: { registry: ApiVersionRegistry; record(call: UsageCall): void };
    createContext: ContextFactory;
    metrics: Registry;
    publicBaseUrl: string;
    /** The deprecation of the operation a request calls; default: the REST face's route table (appRouter). */
    operationOf?: (request: FastifyRequest) => OperationDeprecation | undefined;
  },
): void => {
  const { registry } = deps.versions;
  const operationOf =
    deps.operationOf ?? ((request: FastifyRequest) => restMatchOf(request)?.route.deprecation);
  const links = { publicBaseUrl: deps.publicBaseUrl, policyUrl: registry.policyUrl };
  const counter = new Counter({
    name: 'api_deprecated_requests_total',
    help: 'Requests to deprecated API versions and operations, by version, operation and client',
    labelNames: ['version', 'operation', 'client'] as const,
    registers: [deps.metrics],
  });
  const deprecated = new WeakMap<FastifyRequest, Deprecated>();

  registerRootHooks(app, (root) => {
    root.addHook('onRequest', (request, reply, done) => {
      const id = versionIdOfPath(request.originalUrl);
      const version = id ? registry.get(id) : undefined;
      if (version?.status === 'retired') {
        void reply
          .code(410)
          .header('content-type', 'application/problem+json; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(JSON.stringify(retiredBody(version, registry, deps.publicBaseUrl, request.originalUrl)));
        return;
      }
      if (version?.status === 'deprecated' && version.deprecatedAt && version.sunsetAt) {
        const notice = { deprecatedAt: version.deprecatedAt, sunsetAt: version.sunsetAt };
        void reply.headers(
          deprecationHeaders({ ...notice, migrationGuideUrl: version.migrationGuideUrl }, links),
        );
        deprecated.set(request, { version: version.id, kind: 'version' });
        done();
        return;
      }
      const operation = version ? operationOf(request) : undefined;
      if (version && operation) {
        const guide = operation.migrationGuideUrl ?? version.migrationGuideUrl;
        void reply.headers(deprecationHeaders({ ...operation, migrationGuideUrl: guide }, links));
        deprecated.set(request, { version: version.id, kind: 'operation' });
      }
      done();
    });
    root.addHook('onResponse', async (request) => {
      const mark = deprecated.get(request);
      if (!mark) return;
      const operation = request.procedure || 'unknown';
      const { client, productId } = await clientOf(deps.createContext, request);
      counter.inc({ version: mark.version, operation, client });
      deps.versions.record({
        productId,
        client,
        version: mark.version,
        operation,
        kind: mark.kind,
      });
    });
  });
};
