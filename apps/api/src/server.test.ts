import { chmod } from 'node:fs/promises';
import { appRouter } from '@bytelyst/routers/root';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listProcedures } from './testing/http';
import { createTestServer, type TestServer } from './testing/server';

let t: TestServer;

beforeAll(async () => {
  t = await createTestServer();
  await t.app.ready();
});
afterAll(async () => {
  await t.close();
});

describe('health', () => {
  it('/health answers ok', async () => {
    const res = await t.app.inject({ url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('/health/ready checks store and blob', async () => {
    const res = await t.app.inject({ url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ready',
      dependencies: { store: { ok: true }, blob: { ok: true } },
    });
  });
});

describe('request ids', () => {
  it('echoes a sane x-request-id', async () => {
    const res = await t.app.inject({ url: '/health', headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers['x-request-id']).toBe('abc-123');
  });

  it('replaces an unsafe one with a uuid', async () => {
    const res = await t.app.inject({ url: '/health', headers: { 'x-request-id': 'bad id\u0001<script>' } });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const none = await t.app.inject({ url: '/health' });
    expect(none.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('metrics', () => {
  it('exposes default metrics and request counters labelled by route and procedure', async () => {
    await t.app.inject({ url: '/trpc/products.getCurrent' });
    await t.app.inject({ url: '/health' });
    const res = await t.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.payload).toContain('process_cpu_user_seconds_total');
    expect(res.payload).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/health",status_code="200",procedure=""\} \d+/,
    );
    expect(res.payload).toMatch(/http_request_duration_seconds_bucket\{[^}]*procedure="products.getCurrent"/);
  });
});

describe('openapi and docs', () => {
  it('serves a valid OpenAPI 3.x document with every procedure that has openapi meta', async () => {
    const res = await t.app.inject({ url: '/documentation/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as {
      openapi: string;
      info: { title: string; version: string };
      servers: { url: string }[];
      paths: Record<string, Record<string, { operationId?: string; responses?: unknown }>>;
      components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
    };
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    // Validated against the official OpenAPI JSON schema of its version.
    const validation = await new Validator().validate(res.json() as Record<string, unknown>);
    expect(validation.errors ?? []).toEqual([]);
    expect(validation.valid).toBe(true);
    expect(doc.info.title).toBe('ByteLyst Platform API');
    expect(doc.servers).toEqual([{ url: 'http://127.0.0.1:4003/v1' }]);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });

    const expected = listProcedures(appRouter._def.procedures).flatMap(({ name, openapi }) =>
      openapi ? [`${openapi.method.toLowerCase()} ${openapi.path} ${name}`] : [],
    );
    expect(expected.length).toBeGreaterThan(10);
    // Exactly the procedures with openapi meta, plus the modules' documented plain routes under /v1.
    const PLAIN_ROUTES = t.services.routes
      .filter((route) => route.openapi && route.path.startsWith('/v1/'))
      .map((route) => `${route.method.toLowerCase()} ${route.path.slice('/v1'.length)}`);
    expect(PLAIN_ROUTES).toEqual(
      expect.arrayContaining(['post /stripe/webhook', 'get /waitlist/export.csv']),
    );
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method} ${path}`),
    );
    expect(documented.sort()).toEqual(
      [
        ...expected.map((entry) => {
          const [method = '', path = ''] = entry.split(' ');
          return `${method} ${path.replace(/:(\w+)/g, '{$1}')}`;
        }),
        ...PLAIN_ROUTES,
      ].sort(),
    );
    for (const entry of expected) {
      const [method = '', path = ''] = entry.split(' ');
      const openApiPath = path.replace(/:(\w+)/g, '{$1}');
      const operation = doc.paths[openApiPath]?.[method];
      expect(operation, entry).toBeDefined();
      expect(operation?.responses, entry).toBeDefined();
    }
    // The plain Fastify routes of the REST face are documented too.
    expect(doc.paths['/stripe/webhook']?.post?.operationId).toBe('stripe-webhook');
    expect(Object.keys(doc.paths['/waitlist/export.csv']?.get?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '401', '403']),
    );
    // Structural checks: unique operationIds, a 200 response everywhere, path parameters declared, and every
    // $ref resolving inside the document.
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
    expect(new Set(ids).size).toBe(ids.length);
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const success = Object.keys(op.responses as Record<string, unknown>).filter((code) =>
          /^2\d\d$/.test(code),
        );
        expect(success, `${method} ${path} documents its success`).toHaveLength(1);
        const declared = ((op as { parameters?: { name: string; in: string }[] }).parameters ?? [])
          .filter((p) => p.in === 'path')
          .map((p) => p.name);
        for (const [, name] of path.matchAll(/\{(\w+)\}/g))
          expect(declared, `${method} ${path}`).toContain(name);
      }
    }
    const refs = JSON.stringify(doc).match(/"\$ref":"#\/[^"]+"/g) ?? [];
    for (const ref of refs) {
      const pointer = ref.slice(9, -1).split('/').slice(1);
      let node: unknown = doc;
      for (const part of pointer) node = (node as Record<string, unknown> | undefined)?.[part];
      expect(node, ref).toBeDefined();
    }
  });

  it('serves the docs UI as HTML with its bundle from this server, not a CDN', async () => {
    const redirect = await t.app.inject({ url: '/documentation' });
    expect(redirect.statusCode).toBe(301);
    expect(redirect.headers.location).toBe('/documentation/');
    const res = await t.app.inject({ url: '/documentation/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.payload).toContain('/documentation/json');
    expect(res.payload).not.toMatch(/https?:\/\/cdn|jsdelivr|unpkg/);
    expect(res.headers['content-security-policy']).toContain("connect-src 'self'");
    const script = res.payload.match(/<script src="([^"]+)"/)?.[1];
    expect(script).toMatch(/^[^:]+\.js$/);
    const js = await t.app.inject({ url: new URL(script ?? '', 'http://x/documentation/').pathname });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
  });
});

describe('docs switch', () => {
  it('SWAGGER_UI_ENABLED=false drops the UI but keeps the OpenAPI JSON', async () => {
    const s = await createTestServer({ env: { SWAGGER_UI_ENABLED: 'false' } });
    try {
      expect((await s.app.inject({ url: '/documentation/' })).statusCode).toBe(404);
      expect((await s.app.inject({ url: '/documentation/json' })).statusCode).toBe(200);
    } finally {
      await s.close();
    }
  });
});

describe('http basics', () => {
  it('answers unknown routes with JSON 404', async () => {
    const res = await t.app.inject({ url: '/nope/nothing?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'Route GET /nope/nothing not found' },
    });
  });

  it('sets security headers', async () => {
    const res = await t.app.inject({ url: '/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('answers CORS preflights for the console origin only', async () => {
    const ok = await t.app.inject({
      method: 'OPTIONS',
      url: '/trpc/auth.login',
      headers: {
        origin: 'http://127.0.0.1:3001',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization,x-product-id',
      },
    });
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe('http://127.0.0.1:3001');
    expect(ok.headers['access-control-allow-credentials']).toBe('true');
    expect(String(ok.headers['access-control-allow-headers'])).toContain('x-product-id');
    const other = await t.app.inject({
      method: 'OPTIONS',
      url: '/trpc/auth.login',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('readiness failures', () => {
  it('is 503 naming the blob storage when its folder is unusable', async () => {
    const s = await createTestServer();
    try {
      await chmod(s.env.BLOB_FS_ROOT, 0o000);
      const res = await s.app.inject({ url: '/health/ready' });
      // root bypasses permissions; then the check still passes and there is nothing to assert.
      if (process.getuid?.() !== 0) {
        expect(res.statusCode).toBe(503);
        expect(res.json()).toMatchObject({ status: 'unavailable', failed: ['blob'] });
      }
    } finally {
      await chmod(s.env.BLOB_FS_ROOT, 0o755);
      await s.close();
    }
  });

  it('is 503 naming the blob storage when its folder cannot be created', async () => {
    const { writeFile, rm } = await import('node:fs/promises');
    const s = await createTestServer();
    try {
      await rm(s.env.BLOB_FS_ROOT, { recursive: true, force: true });
      await writeFile(s.env.BLOB_FS_ROOT, 'not a folder');
      const res = await s.app.inject({ url: '/health/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'unavailable', failed: ['blob'] });
      expect((res.json() as { message: string }).message).toContain('blob');
    } finally {
      await s.close();
    }
  });

  it('is 503 naming the store when it is closed', async () => {
    const s = await createTestServer();
    try {
      await s.store.close();
      const res = await s.app.inject({ url: '/health/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'unavailable', failed: ['store'] });
      expect((await s.app.inject({ url: '/health' })).statusCode).toBe(200);
    } finally {
      await s.close();
    }
  });
});
