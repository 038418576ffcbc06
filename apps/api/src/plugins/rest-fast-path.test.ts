import { createContextFactory } from '@bytelyst/routers/context';
import { appRouter } from '@bytelyst/routers/root';
import Fastify, { type FastifyInstance, type FastifyRequest, type InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../server';
import { listProcedures, loginRest, rest } from '../testing/http';
import { createTestServer, type TestServer } from '../testing/server';
import { registerErrorHandling } from './errors';
import { REST_BASE_PATH, registerRest } from './openapi';
import { buildRestRoutes, matchRestRoute } from './rest-fast-path';

/**
 * The REST fast path against trpc-to-openapi's adapter: the same requests through a server with the fast path
 * (the default) and one without it must get the same status, headers and body. A probe (the REST face alone,
 * fast path on) records which path built each request's context, so the parity cannot hold merely because
 * the fast path declined everything: the adapter strips the base path off the URL before it builds the
 * context, the fast path leaves the URL alone.
 */

let t: TestServer;
let official: FastifyInstance;
let probe: FastifyInstance;
let adminToken: string;
let userToken: string;
let adminId: string;
/** The probe's request URL at the moment each context was built, in order. */
const urlsAtContext: string[] = [];

const USER = { email: 'rest-parity@bytelyst.test', password: 'plain-user-password-1', name: 'Plain User' };

beforeAll(async () => {
  t = await createTestServer();
  adminToken = await loginRest(t.app, t.admin.email, t.admin.password);
  const registered = await rest(t.app, 'POST', '/auth/register', { body: USER });
  expect(registered.status).toBe(200);
  userToken = (registered.body as { accessToken: string }).accessToken;
  const me = await rest(t.app, 'GET', '/auth/me', { token: adminToken });
  adminId = (me.body as { id: string }).id;
  // Both servers share the services, so they would count each request against one set of rate-limit
  // counters and answer different RateLimit-Remaining headers: the test client's address is exempt.
  await t.services.ratelimit.ipRules.create(
    t.env.DEFAULT_PRODUCT_ID,
    { cidr: '127.0.0.1', action: 'allow', reason: 'parity checks', expiresAt: null },
    { userId: adminId, email: t.admin.email, ip: '127.0.0.1' },
  );
  official = buildServer({
    env: t.env,
    store: t.store,
    blob: t.blob,
    clock: t.clock.clock,
    services: t.services,
    restFastPath: false,
  });
  const createContext = createContextFactory(t.services);
  const requests = new Map<string, FastifyRequest>();
  probe = Fastify();
  probe.decorateRequest('procedure', '');
  probe.addHook('onRequest', (request, _reply, done) => {
    requests.set(request.id, request);
    done();
  });
  registerErrorHandling(probe);
  registerRest(probe, {
    createContext: (input) => {
      urlsAtContext.push(requests.get(input.requestId)?.url ?? 'unknown');
      return createContext(input);
    },
  });
});
afterAll(async () => {
  await probe.close();
  await official.close();
  await t.close();
});

type Who = 'anonymous' | 'user' | 'admin';
const bearer = (who: Who): Record<string, string> => {
  if (who === 'anonymous') return {};
  return { authorization: `Bearer ${who === 'admin' ? adminToken : userToken}` };
};
const json = { 'content-type': 'application/json' };

/** The answer as a client sees it: everything but the date, which moves between the two calls. */
const answer = async (app: FastifyInstance, request: InjectOptions) => {
  const res = await app.inject(request);
  const { date: _date, ...headers } = res.headers;
  return { status: res.statusCode, headers, body: res.payload };
};

let sequence = 0;

/** Same request (one request id) through the server and the adapter-only server; returns the server's answer. */
const expectParity = async (make: () => InjectOptions) => {
  sequence += 1;
  const request = make();
  const headers = { 'x-request-id': `parity-${sequence}`, ...(request.headers ?? {}) };
  const viaOfficial = await answer(official, { ...request, headers });
  const viaServer = await answer(t.app, { ...request, headers });
  expect(viaServer).toEqual(viaOfficial);
  return viaServer;
};

/** The fast path took the request: the probe built its context with the URL still under /v1. */
const expectTaken = async (make: () => InjectOptions) => {
  const before = urlsAtContext.length;
  await probe.inject(make());
  expect(urlsAtContext.length).toBe(before + 1);
  expect(urlsAtContext.at(-1)).toMatch(/^\/v1\//);
};

/** Named cases: success, validation, access, not found, coercion, path params, bodies, caching. */
const CASES: [string, () => InjectOptions][] = [
  ['public GET', () => ({ method: 'GET', url: '/v1/products/current' })],
  ['authed GET', () => ({ method: 'GET', url: '/v1/auth/me', headers: bearer('admin') })],
  ['anonymous on an authed GET (401)', () => ({ method: 'GET', url: '/v1/auth/me' })],
  [
    'forged bearer (401)',
    () => ({ method: 'GET', url: '/v1/auth/me', headers: { authorization: 'Bearer x' } }),
  ],
  ['plain user on an admin GET (403)', () => ({ method: 'GET', url: '/v1/users', headers: bearer('user') })],
  [
    'query coerced to a number',
    () => ({ method: 'GET', url: '/v1/users?limit=1', headers: bearer('admin') }),
  ],
  [
    'query failing validation (400, fields)',
    () => ({ method: 'GET', url: '/v1/users?limit=abc', headers: bearer('admin') }),
  ],
  [
    'repeated query key',
    () => ({ method: 'GET', url: '/v1/users?limit=1&limit=2', headers: bearer('admin') }),
  ],
  ['empty query value', () => ({ method: 'GET', url: '/v1/users?limit=&cursor=', headers: bearer('admin') })],
  ['path parameter', () => ({ method: 'GET', url: `/v1/users/${adminId}`, headers: bearer('admin') })],
  [
    'path parameter not found (404)',
    () => ({ method: 'GET', url: '/v1/users/nobody', headers: bearer('admin') }),
  ],
  ['escaped path parameter', () => ({ method: 'GET', url: '/v1/users/a%20b%2Fc', headers: bearer('admin') })],
  ['dot segments', () => ({ method: 'GET', url: '/v1/users/../products/current' })],
  ['trailing slash and upper case', () => ({ method: 'GET', url: '/v1/Products/Current/' })],
  ['cacheable public GET', () => ({ method: 'GET', url: '/v1/settings/kill-switch' })],
  ['cacheable GET with a query', () => ({ method: 'GET', url: '/v1/settings/kill-switch?appVersion=1.2.3' })],
  [
    'unknown product (404)',
    () => ({ method: 'GET', url: '/v1/settings/kill-switch', headers: { 'x-product-id': 'nope' } }),
  ],
  [
    'malformed product header (400)',
    () => ({ method: 'GET', url: '/v1/products/current', headers: { 'x-product-id': 'NO PE' } }),
  ],
  [
    'body',
    () => ({ method: 'POST', url: '/v1/tokens/validate', headers: json, payload: '{"token":"blt_nope"}' }),
  ],
  [
    'body refused (401)',
    () => ({
      method: 'POST',
      url: '/v1/auth/login',
      headers: json,
      payload: JSON.stringify({ email: t.admin.email, password: 'wrong-password-123' }),
    }),
  ],
  [
    'body failing validation (400, fields)',
    () => ({ method: 'POST', url: '/v1/auth/login', headers: json, payload: '{"email":"not-an-email"}' }),
  ],
  [
    'body that is not an object',
    () => ({ method: 'POST', url: '/v1/auth/login', headers: json, payload: '[1,2]' }),
  ],
  ['JSON null body', () => ({ method: 'POST', url: '/v1/auth/login', headers: json, payload: 'null' })],
  [
    'idempotent admin mutation',
    () => ({
      method: 'PUT',
      url: '/v1/settings/kill-switch',
      headers: { ...json, ...bearer('admin') },
      payload: '{"enabled":false,"message":"parity"}',
    }),
  ],
  [
    'body with a path parameter',
    () => ({
      method: 'PATCH',
      url: '/v1/products/nope',
      headers: { ...json, ...bearer('admin') },
      payload: '{"name":"x"}',
    }),
  ],
  ['DELETE not found', () => ({ method: 'DELETE', url: '/v1/flags/nope', headers: bearer('admin') })],
  [
    'success status other than 200 (202)',
    () => ({
      method: 'POST',
      url: '/v1/auth/forgot-password',
      headers: json,
      payload: '{"email":"nobody@example.com"}',
    }),
  ],
];

/** What the fast path leaves to the adapter or never sees; the server must still answer as the adapter does. */
const DECLINED: [string, () => InjectOptions][] = [
  [
    'text body',
    () => ({
      method: 'POST',
      url: '/v1/tokens/validate',
      headers: { 'content-type': 'text/plain' },
      payload: 'x',
    }),
  ],
  [
    'POST without a content type',
    () => ({ method: 'POST', url: '/v1/auth/logout', headers: bearer('admin') }),
  ],
  ['unknown path', () => ({ method: 'GET', url: '/v1/nothing/here' })],
  [
    'wrong method for a path',
    () => ({ method: 'PUT', url: '/v1/products/current', headers: json, payload: '{}' }),
  ],
  ['HEAD', () => ({ method: 'HEAD', url: '/v1/products/current' })],
  ['malformed JSON', () => ({ method: 'POST', url: '/v1/auth/login', headers: json, payload: '{"email":' })],
  ['outside /v1', () => ({ method: 'GET', url: '/v1' })],
];

describe('REST fast path', () => {
  it.each(CASES)('takes %s and answers exactly as the adapter', async (_name, make) => {
    await expectTaken(make);
    await expectParity(make);
  });

  it.each(DECLINED)('leaves %s to the adapter, which answers as before', async (_name, make) => {
    await expectParity(make);
  });

  it('marks a polled public GET cacheable on both paths, and only on success', async () => {
    const ok = await expectParity(() => ({ method: 'GET', url: '/v1/settings/kill-switch' }));
    expect(ok.status).toBe(200);
    expect(ok.headers['cache-control']).toBe('public, max-age=5');
    expect(ok.headers.vary).toContain('x-product-id');
    const failed = await expectParity(() => ({
      method: 'GET',
      url: '/v1/settings/kill-switch',
      headers: { 'x-product-id': 'nope' },
    }));
    expect(failed.status).toBe(404);
    expect(failed.headers['cache-control']).toBeUndefined();
  });

  it('answers a procedure’s own success status on both paths, and errors as usual', async () => {
    const accepted = await expectParity(() => ({
      method: 'POST',
      url: '/v1/auth/forgot-password',
      headers: json,
      payload: '{"email":"nobody@example.com"}',
    }));
    expect(accepted.status).toBe(202);
    const invalid = await expectParity(() => ({
      method: 'POST',
      url: '/v1/auth/forgot-password',
      headers: json,
      payload: '{"email":"nope"}',
    }));
    expect(invalid.status).toBe(400);
  });

  it('answers a validation failure with the failing fields on both paths', async () => {
    const res = await expectParity(() => ({
      method: 'POST',
      url: '/v1/auth/login',
      headers: json,
      payload: '{"email":"not-an-email"}',
    }));
    expect(res.status).toBe(400);
    const body = JSON.parse(res.body) as { error: { code: string; fields: { path: string }[] } };
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.fields.map((field) => field.path)).toEqual(
      expect.arrayContaining(['email', 'password']),
    );
  });

  it('routes a literal path to its own procedure, not to the {id} route beside it', async () => {
    for (const url of ['/v1/events/stats', '/v1/events/dead-letters', '/v1/events/catalogue']) {
      const res = await expectParity(() => ({ method: 'GET', url, headers: bearer('admin') }));
      expect(res.status, url).toBe(200);
    }
  });

  // Every route of the router, as each kind of caller, with path parameters that name nothing. Mutations that
  // could change state between the two calls are sent only where access is refused before the procedure runs.
  /** A plain user's own mutations that take an empty body and change what the next call sees. */
  const CHANGES_THE_CALLER = new Set([
    'auth.logout',
    'subscriptions.cancelMine',
    'sessions.revokeAllMine',
    'account.requestDataExport',
  ]);
  const routes = [...buildRestRoutes(appRouter)].flatMap(([method, list]) =>
    list.map((route) => ({ method, route })),
  );
  const restPaths = new Map(
    listProcedures(appRouter._def.procedures).map((procedure) => [procedure.name, procedure.openapi?.path]),
  );
  const pathOf = (procedure: string): string => {
    const path = restPaths.get(procedure);
    if (!path) throw new Error(`no REST path for ${procedure}`);
    return `${REST_BASE_PATH}${path.replace(/\{[^}]+\}/g, 'nope-404')}`;
  };
  it('walks every REST route of the router', () => {
    expect(routes.length).toBeGreaterThan(100);
  });

  // Both paths take the first pattern that matches, in the router's order: a path parameter declared before a
  // literal sibling (`/events/{id}` before `/events/stats`) would swallow it.
  it('reaches every REST route at its own path (none is shadowed by one declared before it)', () => {
    const table = buildRestRoutes(appRouter);
    for (const { method, route } of routes) {
      const path = restPaths.get(route.procedure)?.replace(/\{[^}]+\}/g, 'some-id') ?? '';
      expect(matchRestRoute(table, method, path)?.route.procedure, `${method} ${path}`).toBe(route.procedure);
    }
  });
  it.each(
    routes.map(({ method, route }) => [`${method} ${route.procedure}`, method, route.procedure] as const),
  )(
    '%s answers identically to anonymous callers, plain users and (for reads) admins',
    async (_name, method, procedure) => {
      const url = pathOf(procedure);
      const read = method === 'GET';
      const asUser = !CHANGES_THE_CALLER.has(procedure);
      const callers: Who[] = read
        ? ['anonymous', 'user', 'admin']
        : asUser
          ? ['anonymous', 'user']
          : ['anonymous'];
      for (const who of callers) {
        const make = (): InjectOptions => ({
          method: method as InjectOptions['method'],
          url,
          headers: { ...bearer(who), ...(read || method === 'DELETE' ? {} : json) },
          ...(read || method === 'DELETE' ? {} : { payload: '{}' }),
        });
        const res = await expectParity(make);
        // 503: a provider that the test server does not configure (Stripe).
        expect([500, 502, 504], `${who} ${method} ${url}`).not.toContain(res.status);
      }
      await expectTaken(() => ({
        method: method as InjectOptions['method'],
        url,
        ...(read || method === 'DELETE' ? {} : { headers: json, payload: '{}' }),
      }));
    },
  );
});
