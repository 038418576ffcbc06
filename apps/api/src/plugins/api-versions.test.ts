import type { Context } from '@bytelyst/routers/context';
import { DEFAULT_API_VERSIONS } from '@bytelyst/routers/lib/api-versions';
import { rest } from '@bytelyst/routers/lib/openapi';
import type { UsageCall } from '@bytelyst/routers/modules/api-versions/usage';
import { publicProcedure, router } from '@bytelyst/routers/trpc';
import Fastify, { type FastifyInstance } from 'fastify';
import { fastifyTRPCOpenApiPlugin } from 'trpc-to-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { registerApiVersions } from './api-versions';
import { registerMetrics } from './metrics';
import { buildOpenApiDocument } from './openapi';
import { buildRestRoutes, matchRestRoute, restPathOf } from './rest-fast-path';
import type { ContextFactory } from './trpc';

/**
 * Per-operation deprecation, proved on a test router (the platform has no older duplicate operation to
 * deprecate): the OpenAPI document marks it, and its answers carry the headers through the real hook, metrics
 * registry and trpc-to-openapi adapter.
 */
const ZOut = z.object({ ok: z.boolean() });
const testRouter = router({
  listOld: publicProcedure
    .meta(
      rest('GET', '/things/old', {
        tag: 'things',
        summary: 'The old list',
        deprecated: {
          deprecatedAt: '2026-02-01T00:00:00.000Z',
          sunsetAt: '2026-09-01T00:00:00.000Z',
          replacement: 'GET /v1/things',
          migrationGuideUrl: '/guides/things',
        },
      }),
    )
    .input(z.object({}).optional())
    .output(ZOut)
    .query(() => ({ ok: true })),
  list: publicProcedure
    .meta(rest('GET', '/things', { tag: 'things', summary: 'The list' }))
    .input(z.object({}).optional())
    .output(ZOut)
    .query(() => ({ ok: true })),
});

describe('a deprecated operation', () => {
  it('refuses a sunset less than six months after the deprecation', () => {
    expect(() =>
      rest('GET', '/x', {
        tag: 'x',
        summary: 'x',
        deprecated: { deprecatedAt: '2026-02-01T00:00:00Z', sunsetAt: '2026-07-31T00:00:00Z' },
      }),
    ).toThrow(/GET \/x: sunsetAt .* at least 6 months after deprecatedAt/);
  });

  it('is `deprecated: true` in the OpenAPI document, with its sunset and replacement', () => {
    const doc = buildOpenApiDocument('http://127.0.0.1:4003', [], { router: testRouter });
    const old = doc.paths?.['/things/old']?.get;
    expect(old?.deprecated).toBe(true);
    expect(old?.description).toBe(
      'Deprecated since 2026-02-01; sunset 2026-09-01; use `GET /v1/things` instead.',
    );
    expect(doc.paths?.['/things']?.get?.deprecated).toBeUndefined();
  });

  describe('over HTTP', () => {
    let app: FastifyInstance;
    const calls: UsageCall[] = [];
    beforeAll(async () => {
      app = Fastify();
      const metrics = registerMetrics(app, { defaultMetrics: false });
      const routes = buildRestRoutes(testRouter);
      const match = (request: { method: string; url: string }) =>
        matchRestRoute(routes, request.method, restPathOf(request.url, '/v1'));
      const createContext = (async () =>
        ({
          productId: 'p1',
          principal: { kind: 'apiToken', tokenId: 'tok-1' },
        }) as unknown as Context) as unknown as ContextFactory;
      registerApiVersions(app, {
        versions: { registry: DEFAULT_API_VERSIONS, record: (call) => calls.push(call) },
        createContext,
        metrics,
        publicBaseUrl: 'http://127.0.0.1:4003',
        operationOf: (request) => match(request)?.route.deprecation,
      });
      // As the REST scope does (plugins/openapi.ts): the procedure names the request for metrics and usage.
      app.addHook('preHandler', async (request) => {
        request.procedure = match(request)?.route.procedure ?? 'unknown';
      });
      await app.register(fastifyTRPCOpenApiPlugin, {
        basePath: '/v1',
        router: testRouter,
        createContext: () => ({}),
      });
      await app.ready();
    });
    afterAll(async () => app.close());

    it('answers with its own Deprecation, Sunset and Link; its replacement with none', async () => {
      const old = await app.inject({ url: '/v1/things/old' });
      expect(old.statusCode).toBe(200);
      expect(old.json()).toEqual({ ok: true });
      expect(old.headers.deprecation).toBe(`@${Date.parse('2026-02-01T00:00:00Z') / 1000}`);
      expect(old.headers.sunset).toBe('Tue, 01 Sep 2026 00:00:00 GMT');
      expect(old.headers.link).toBe(
        '<http://127.0.0.1:4003/guides/things>; rel="deprecation"; type="text/html", ' +
          '<http://127.0.0.1:4003/documentation#versioning>; rel="sunset"; type="text/html"',
      );
      const replacement = await app.inject({ url: '/v1/things' });
      expect(replacement.statusCode).toBe(200);
      expect(replacement.headers.deprecation).toBeUndefined();
      expect(replacement.headers.sunset).toBeUndefined();
    });

    it('counts its calls per client and operation', async () => {
      calls.length = 0;
      await app.inject({ url: '/v1/things/old' });
      await app.inject({ url: '/v1/things' });
      expect(calls).toEqual([
        { productId: 'p1', client: 'token:tok-1', version: 'v1', operation: 'listOld', kind: 'operation' },
      ]);
      const metrics = await app.inject({ url: '/metrics' });
      expect(metrics.payload).toMatch(
        /api_deprecated_requests_total\{version="v1",operation="listOld",client="token:tok-1"\} [2-9]/,
      );
      expect(metrics.payload).not.toContain('operation="list",');
    });
  });
});
