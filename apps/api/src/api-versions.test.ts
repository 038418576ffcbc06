import type { AddressInfo } from 'node:net';
import { defineApiVersions } from '@bytelyst/routers/lib/api-versions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from './testing/server';

const VERSIONS = defineApiVersions([
  {
    id: 'v1',
    status: 'current',
    releasedAt: '2026-01-01T00:00:00.000Z',
    migrationGuideUrl: '/documentation',
  },
  {
    id: 'v0',
    status: 'deprecated',
    releasedAt: '2025-01-01T00:00:00.000Z',
    deprecatedAt: '2026-01-01T00:00:00.000Z',
    sunsetAt: '2026-07-01T12:30:00.000Z',
    migrationGuideUrl: 'https://docs.example.com/migrate/v0-to-v1',
  },
  {
    id: 'v-1',
    status: 'retired',
    releasedAt: '2024-01-01T00:00:00.000Z',
    deprecatedAt: '2024-06-01T00:00:00.000Z',
    migrationGuideUrl: '/guides/v-1',
  },
]);

/** RFC 9651 sf-date: `@` and an integer of Unix seconds. */
const parseStructuredDate = (value: string | null): number => {
  const found = /^@(-?\d{1,15})$/.exec(value ?? '');
  if (!found?.[1]) throw new Error(`not a structured date: ${value}`);
  return Number(found[1]) * 1000;
};
/** RFC 9110 IMF-fixdate, exactly. */
const IMF_FIXDATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

describe('API versions over HTTP', () => {
  let t: TestServer;
  let base = '';
  let adminToken = '';

  const call = (path: string, opts: { token?: string; method?: string; body?: unknown } = {}) =>
    fetch(`${base}${path}`, {
      method: opts.method ?? 'GET',
      headers: {
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    });

  beforeAll(async () => {
    t = await createTestServer({ apiVersions: VERSIONS });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const login = await call('/v1/auth/login', {
      method: 'POST',
      body: { email: t.admin.email, password: t.admin.password },
    });
    adminToken = ((await login.json()) as { accessToken: string }).accessToken;
  });
  afterAll(async () => t.close());

  it('answers a deprecated version with its handlers and the Deprecation, Sunset and Link headers', async () => {
    const res = await call('/v0/products/current');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { id: string }).id).toBe(t.env.DEFAULT_PRODUCT_ID);
    expect(parseStructuredDate(res.headers.get('deprecation'))).toBe(Date.parse('2026-01-01T00:00:00Z'));
    const sunset = res.headers.get('sunset') ?? '';
    expect(sunset).toMatch(IMF_FIXDATE);
    expect(Date.parse(sunset)).toBe(Date.parse('2026-07-01T12:30:00Z'));
    expect(res.headers.get('link')).toBe(
      '<https://docs.example.com/migrate/v0-to-v1>; rel="deprecation"; type="text/html", ' +
        '<http://127.0.0.1:4003/documentation#versioning>; rel="sunset"; type="text/html"',
    );
    // The same call on the current version carries none of them.
    const current = await call('/v1/products/current');
    expect(current.status).toBe(200);
    expect(current.headers.get('deprecation')).toBeNull();
    expect(current.headers.get('sunset')).toBeNull();
  });

  it('serves plain routes and errors under a deprecated version with the headers too', async () => {
    const changelog = await call('/v0/changelog');
    expect(changelog.status).toBe(200);
    expect(changelog.headers.get('deprecation')).toBe('@1767225600');
    const refused = await call('/v0/tokens');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('deprecation')).toBe('@1767225600');
    const unknown = await call('/v0/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('sunset')).toMatch(IMF_FIXDATE);
  });

  it('answers 410 with a problem body for every path under a retired version', async () => {
    for (const path of ['/v-1/products/current', '/v-1/no/such/path?x=1', '/v-1']) {
      const res = await call(path, { method: path === '/v-1' ? 'POST' : 'GET' });
      expect(res.status, path).toBe(410);
      expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({
        status: 410,
        title: 'API version retired',
        instance: path,
        currentVersion: 'v1',
        currentBaseUrl: 'http://127.0.0.1:4003/v1',
        migrationGuideUrl: 'http://127.0.0.1:4003/guides/v-1',
        error: { code: 'GONE', reason: 'api_version_retired' },
      });
    }
  });

  it('serves one OpenAPI document per served version and 404 for the others', async () => {
    type Doc = {
      info: Record<string, unknown>;
      servers: { url: string }[];
      paths: Record<string, Record<string, { deprecated?: boolean }>>;
    };
    const v1 = (await (await call('/documentation/v1/json')).json()) as Doc;
    expect(v1.info).toMatchObject({ version: 'v1', 'x-status': 'current' });
    expect(v1.info['x-sunset']).toBeUndefined();
    expect(v1.servers[0]?.url).toBe('http://127.0.0.1:4003/v1');
    expect(v1.paths['/products/current']?.get?.deprecated).toBeUndefined();
    expect(await (await call('/documentation/json')).json()).toEqual(v1);

    const v0 = (await (await call('/documentation/v0/json')).json()) as Doc;
    expect(v0.info).toMatchObject({
      version: 'v0',
      'x-status': 'deprecated',
      'x-deprecated-at': '2026-01-01T00:00:00.000Z',
      'x-sunset': '2026-07-01T12:30:00.000Z',
    });
    expect(v0.servers[0]?.url).toBe('http://127.0.0.1:4003/v0');
    const operations = Object.values(v0.paths).flatMap((item) => Object.values(item));
    expect(operations.length).toBeGreaterThan(100);
    expect(operations.every((operation) => operation.deprecated === true)).toBe(true);

    for (const id of ['v-1', 'v2']) {
      const res = await call(`/documentation/${id}/json`);
      expect(res.status, id).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    }
  });

  it('offers every served version in the docs UI', async () => {
    const page = await (await call('/documentation/')).text();
    expect(page).toContain('/documentation/json');
    expect(page).toContain('/documentation/v0/json');
    expect(page).toContain('v0 (deprecated, sunset 2026-07-01)');
    expect(page).not.toContain('/documentation/v-1/json');
  });

  it('counts deprecated calls per client on /metrics and in the store', async () => {
    const created = await call('/v1/tokens', {
      method: 'POST',
      token: adminToken,
      body: { name: 'legacy-sync' },
    });
    expect(created.status).toBe(200);
    const { token, item } = (await created.json()) as { token: string; item: { id: string } };
    for (let i = 0; i < 3; i += 1) expect((await call('/v0/products/current', { token })).status).toBe(200);
    expect((await call('/v1/products/current', { token })).status).toBe(200);

    const metrics = await (await call('/metrics')).text();
    const line = `api_deprecated_requests_total{version="v0",operation="products.getCurrent",client="token:${item.id}"} 3`;
    expect(metrics).toContain(line);
    expect(metrics).toMatch(
      new RegExp(
        `api_deprecated_requests_total\\{version="v0",operation="products.getCurrent",client="product:${t.env.DEFAULT_PRODUCT_ID}"\\} \\d+`,
      ),
    );

    const overview = await call('/v1/api-versions?days=7', { token: adminToken });
    expect(overview.status).toBe(200);
    const body = (await overview.json()) as {
      current: string;
      versions: { id: string; status: string }[];
      usage: { client: string; version: string; operation: string; kind: string; count: number }[];
    };
    expect(body.current).toBe('v1');
    expect(body.versions.map((version) => `${version.id}:${version.status}`)).toEqual([
      'v1:current',
      'v0:deprecated',
      'v-1:retired',
    ]);
    expect(body.usage).toContainEqual(
      expect.objectContaining({
        client: `token:${item.id}`,
        version: 'v0',
        operation: 'products.getCurrent',
        kind: 'version',
        count: 3,
      }),
    );
  });

  it('refuses the overview to anonymous callers', async () => {
    expect((await call('/v1/api-versions')).status).toBe(401);
  });
});
