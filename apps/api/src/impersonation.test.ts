import { IMPERSONATION_READ_ONLY } from '@bytelyst/routers/modules/auth/impersonation-schema';
import { appRouter } from '@bytelyst/routers/root';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listProcedures, loginRest, rest, trpcMutation, type Wire } from './testing/http';
import { createTestServer, type TestServer } from './testing/server';

/**
 * Admin shadow mode end to end through the REST face (and tRPC where the faces differ): start, read as the
 * user, every change refused, audit, expiry on the test clock, no renewal, who may start and end it.
 */

let t: TestServer;
let rootToken = '';
let adminToken = '';
let adminId = '';
let userToken = '';
let userId = '';
let otherUserId = '';
const PASSWORD = 'correct-horse-battery-staple';
const MINUTE = 60_000;

type Started = {
  accessToken: string;
  expiresIn: number;
  expiresAt: string;
  sessionId: string;
  impersonatedBy: string;
  user: { id: string; email: string };
};
type AuditPage = {
  items: {
    action: string;
    actorId: string;
    impersonatedBy: string | null;
    targetId: string | null;
    details?: { sessionId?: string; outcome?: string; via?: string };
  }[];
  nextCursor: string | null;
};

/** The REST face with a product header, which `rest` does not send. */
const restIn = async (
  productId: string,
  method: 'GET' | 'POST',
  path: string,
  opts: { token?: string; body?: unknown } = {},
): Promise<Wire> => {
  const res = await t.app.inject({
    method,
    url: `/v1${path}`,
    headers: {
      'x-product-id': productId,
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(opts.body === undefined ? {} : { payload: JSON.stringify(opts.body) }),
  });
  return { status: res.statusCode, body: res.json(), headers: res.headers };
};

const start = async (token: string, targetUserId: string): Promise<Started> => {
  const res = await rest(t.app, 'POST', '/auth/impersonate', { token, body: { targetUserId } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Started;
};

const claimsOf = (jwt: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

/** Every audit entry matching `query`, all pages of it (a walk over every route writes hundreds). */
const auditOf = async (query: Record<string, string>): Promise<AuditPage['items']> => {
  await t.services.bus.drain();
  const items: AuditPage['items'] = [];
  let cursor: string | null = null;
  do {
    const res = await rest(t.app, 'GET', '/audit', {
      token: rootToken,
      query: { limit: '200', ...query, ...(cursor ? { cursor } : {}) },
    });
    expect(res.status).toBe(200);
    const page = res.body as AuditPage;
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
};

const READ_ONLY = { error: { code: 'FORBIDDEN', message: IMPERSONATION_READ_ONLY } };

/** Fresh access tokens for the test's own callers, once the clock has moved past theirs. */
const signInAgain = async () => {
  rootToken = await loginRest(t.app, t.admin.email, t.admin.password);
  adminToken = await loginRest(t.app, 'support@bytelyst.test', PASSWORD);
  userToken = await loginRest(t.app, 'viewed@bytelyst.test', PASSWORD);
};

beforeAll(async () => {
  t = await createTestServer();
  const product = t.env.DEFAULT_PRODUCT_ID;
  rootToken = await loginRest(t.app, t.admin.email, t.admin.password);
  const admin = await t.services.users.create(product, {
    email: 'support@bytelyst.test',
    name: 'Support',
    password: PASSWORD,
    roles: ['admin'],
  });
  adminId = admin.id;
  adminToken = await loginRest(t.app, admin.email, PASSWORD);
  const registered = await rest(t.app, 'POST', '/auth/register', {
    body: { email: 'viewed@bytelyst.test', password: PASSWORD, name: 'Viewed User' },
  });
  ({ accessToken: userToken } = registered.body as { accessToken: string });
  userId = (registered.body as { user: { id: string } }).user.id;
  const other = await rest(t.app, 'POST', '/products', {
    token: rootToken,
    body: { id: 'other', name: 'Other', status: 'active' },
  });
  expect(other.status).toBe(200);
  otherUserId = (
    await t.services.users.create('other', {
      email: 'elsewhere@bytelyst.test',
      name: 'Elsewhere',
      password: PASSWORD,
      roles: ['user'],
    })
  ).id;
});
afterAll(async () => {
  await t.close();
});

describe('an admin views as a user', () => {
  it('gets a 15-minute shadow token naming them, with no refresh token', async () => {
    const started = await start(adminToken, userId);
    expect(started).toMatchObject({
      expiresIn: 900,
      expiresAt: new Date(t.clock.clock() + 15 * MINUTE).toISOString(),
      impersonatedBy: adminId,
      user: { id: userId, email: 'viewed@bytelyst.test' },
    });
    expect(started).not.toHaveProperty('refreshToken');
    const claims = claimsOf(started.accessToken);
    expect(claims).toMatchObject({
      sub: userId,
      sid: started.sessionId,
      impersonatedBy: adminId,
      roles: ['user'],
    });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(900);
    // The shadow session is one of the user's sessions, marked as such and with no refresh token to match.
    const stored = await t.store.container('sessions').read(started.sessionId, userId);
    expect(stored).toMatchObject({ kind: 'impersonation', impersonatedBy: adminId, refreshTokenHash: '' });
  });

  it('reads as the user, is refused every change (403 naming impersonation) and changes nothing', async () => {
    const { accessToken: shadow, sessionId } = await start(adminToken, userId);
    const me = await rest(t.app, 'GET', '/auth/me', { token: shadow });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: userId, email: 'viewed@bytelyst.test', sessionId });
    expect((await rest(t.app, 'GET', '/settings/me', { token: shadow })).status).toBe(200);

    const patch = await rest(t.app, 'PATCH', '/settings/me', {
      token: shadow,
      body: { values: { theme: 'dark' } },
    });
    expect(patch.status).toBe(403);
    expect(patch.body).toEqual(READ_ONLY);
    const viaTrpc = await trpcMutation(t.app, 'settings.updateMine', { values: { theme: 'dark' } }, shadow);
    expect(viaTrpc.status).toBe(403);
    expect((viaTrpc.body as { error: { message: string } }).error.message).toBe(IMPERSONATION_READ_ONLY);
    // Not even a bad input gets past the refusal, and the user's own token still changes their settings.
    const bad = await rest(t.app, 'PATCH', '/settings/me', { token: shadow, body: { values: 'nope' } });
    expect(bad.status).toBe(403);
    const own = await rest(t.app, 'GET', '/settings/me', { token: userToken });
    expect((own.body as { values: Record<string, unknown> }).values.theme).toBeUndefined();
    const logout = await rest(t.app, 'POST', '/auth/logout', { token: shadow, body: {} });
    expect(logout.body).toEqual(READ_ONLY);
  });

  it('ends at once with its own token; the start, every request and the end are audited', async () => {
    const { accessToken: shadow, sessionId } = await start(adminToken, userId);
    t.clock.advance(1000);
    expect((await rest(t.app, 'GET', '/usage/me', { token: shadow })).status).toBe(200);
    t.clock.advance(1000);
    expect((await rest(t.app, 'PATCH', '/settings/me', { token: shadow, body: { values: {} } })).status).toBe(
      403,
    );
    t.clock.advance(1000);
    const ended = await rest(t.app, 'POST', '/auth/impersonate/end', { token: shadow, body: {} });
    expect(ended.status).toBe(200);
    expect(ended.body).toEqual({ ended: true, userId, sessionId });
    const after = await rest(t.app, 'GET', '/auth/me', { token: shadow });
    expect(after.status).toBe(401);

    const entries = (await auditOf({ kind: 'impersonation', impersonatedBy: adminId })).filter(
      (entry) => entry.details?.sessionId === sessionId,
    );
    expect(entries.map((e) => [e.action, e.actorId, e.details?.outcome ?? e.details?.via ?? null])).toEqual([
      ['impersonation.end', userId, 'shadow'],
      ['settings.updateMine', userId, 'refused'],
      ['usage.getMine', userId, 'ok'],
      ['impersonation.start', adminId, null],
    ]);
    for (const entry of entries) expect(entry).toMatchObject({ impersonatedBy: adminId, targetId: userId });
    // The other kind of entry: admin actions, none of them made in an impersonation.
    const created = await rest(t.app, 'POST', '/tokens', { token: adminToken, body: { name: 'audit-kind' } });
    expect(created.status).toBe(200);
    const adminOnly = await auditOf({ kind: 'admin' });
    expect(adminOnly.map((entry) => entry.action)).toContain('tokens.create');
    expect(adminOnly.every((entry) => entry.impersonatedBy === null)).toBe(true);
  });

  it('expires after 15 minutes and cannot be renewed', async () => {
    const { accessToken: shadow, sessionId } = await start(adminToken, userId);
    const forged = `rt_${userId}.${sessionId}.${'A'.repeat(43)}`;
    const refresh = await rest(t.app, 'POST', '/auth/refresh', { body: { refreshToken: forged } });
    expect(refresh.status).toBe(401);
    t.clock.advance(14 * MINUTE);
    expect((await rest(t.app, 'GET', '/auth/me', { token: shadow })).status).toBe(200);
    t.clock.advance(MINUTE + 1000);
    expect((await rest(t.app, 'GET', '/auth/me', { token: shadow })).status).toBe(401);
    // Its session has expired too: nothing can bring it back, and ending it now changes nothing.
    await signInAgain();
    const late = await rest(t.app, 'POST', '/auth/impersonate/end', {
      token: adminToken,
      body: { targetUserId: userId, sessionId },
    });
    expect(late.body).toEqual({ ended: false, userId, sessionId });
  });
});

describe('who may start and end one', () => {
  it('never views as an admin or a super_admin, even for a super_admin', async () => {
    const rootId = (
      (await rest(t.app, 'GET', '/auth/me', { token: rootToken })).body as {
        id: string;
      }
    ).id;
    for (const [token, target] of [
      [adminToken, rootId],
      [rootToken, adminId],
      [rootToken, rootId],
    ] as const) {
      const res = await rest(t.app, 'POST', '/auth/impersonate', { token, body: { targetUserId: target } });
      expect(res.status).toBe(403);
      expect((res.body as { error: { message: string } }).error.message).toBe(
        'Admins and super admins cannot be impersonated',
      );
    }
  });

  it('refuses plain users, anonymous callers and API tokens', async () => {
    const body = { targetUserId: userId };
    expect((await rest(t.app, 'POST', '/auth/impersonate', { body })).status).toBe(401);
    expect((await rest(t.app, 'POST', '/auth/impersonate', { token: userToken, body })).status).toBe(403);
    const created = await rest(t.app, 'POST', '/tokens', {
      token: adminToken,
      body: { name: 'ci', role: 'admin' },
    });
    const apiToken = (created.body as { token: string }).token;
    const viaApiToken = await rest(t.app, 'POST', '/auth/impersonate', { token: apiToken, body });
    expect(viaApiToken.status).toBe(403);
  });

  it('stays in the request’s product unless the caller is a super_admin', async () => {
    const body = { targetUserId: otherUserId };
    // The admin's own product has no such user; naming the other product is refused outright.
    expect((await rest(t.app, 'POST', '/auth/impersonate', { token: adminToken, body })).status).toBe(404);
    expect((await restIn('other', 'POST', '/auth/impersonate', { token: adminToken, body })).status).toBe(
      403,
    );
    const started = await restIn('other', 'POST', '/auth/impersonate', { token: rootToken, body });
    expect(started.status).toBe(200);
    const shadow = (started.body as Started).accessToken;
    const me = await rest(t.app, 'GET', '/auth/me', { token: shadow });
    expect(me.body).toMatchObject({ id: otherUserId, productId: 'other' });
    // The shadow token is the user's: it cannot reach into the super_admin's product.
    const elsewhere = await restIn(t.env.DEFAULT_PRODUCT_ID, 'GET', '/auth/me', { token: shadow });
    expect(elsewhere.status).toBe(403);
  });

  it('an admin ends one with their own token; a plain user cannot', async () => {
    const { accessToken: shadow, sessionId } = await start(adminToken, userId);
    const named = { targetUserId: userId, sessionId };
    const missing = await rest(t.app, 'POST', '/auth/impersonate/end', { token: adminToken, body: {} });
    expect(missing.status).toBe(400);
    expect(
      (missing.body as { error: { fields: { path: string }[] } }).error.fields.map((f) => f.path),
    ).toEqual(['targetUserId', 'sessionId']);
    const byUser = await rest(t.app, 'POST', '/auth/impersonate/end', { token: userToken, body: named });
    expect(byUser.status).toBe(403);
    const byRoot = await restIn('other', 'POST', '/auth/impersonate/end', {
      token: rootToken,
      body: { targetUserId: userId, sessionId: 'no-such-session' },
    });
    expect(byRoot.status).toBe(404);
    const ended = await rest(t.app, 'POST', '/auth/impersonate/end', { token: adminToken, body: named });
    expect(ended.body).toEqual({ ended: true, userId, sessionId });
    expect((await rest(t.app, 'GET', '/auth/me', { token: shadow })).status).toBe(401);
    const entries = (await auditOf({ action: 'impersonation.end' })).filter(
      (e) => e.details?.sessionId === sessionId,
    );
    expect(entries).toMatchObject([{ actorId: adminId, impersonatedBy: adminId, details: { via: 'admin' } }]);
  });
});

describe('read-only on every operation of both faces, found by walking them', () => {
  let shadow = '';
  beforeAll(async () => {
    shadow = (await start(adminToken, userId)).accessToken;
  });

  const concrete = (path: string) => path.replace(/\{[^}]+\}/g, 'x').replace(/\*$/, 'x/y');

  const restChanges = listProcedures(appRouter._def.procedures).filter(
    (p) => p.type === 'mutation' && p.openapi && p.name !== 'auth.endImpersonation',
  );

  it('finds the REST changes', () => {
    expect(restChanges.length).toBeGreaterThanOrEqual(60);
  });

  it.each(restChanges)('$openapi.method $openapi.path refuses a shadow token', async ({ openapi }) => {
    const method = openapi?.method as 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    const res = await rest(t.app, method, concrete(openapi?.path ?? ''), {
      token: shadow,
      ...(method === 'DELETE' ? {} : { body: {} }),
    });
    expect(res.status).toBe(403);
    expect(res.body).toEqual(READ_ONLY);
  });

  it('refuses a shadow token on every plain route but GET, and audits each refusal', async () => {
    const changes = t.services.routes.filter((route) => route.method !== 'GET');
    expect(changes.length).toBeGreaterThanOrEqual(4);
    for (const route of changes) {
      const res = await t.app.inject({
        method: route.method,
        url: concrete(route.path),
        headers: { authorization: `Bearer ${shadow}`, 'content-type': 'application/json' },
        payload: '{}',
      });
      expect(res.statusCode, route.procedure).toBe(403);
      expect(res.json(), route.procedure).toEqual(READ_ONLY);
    }
    const refused = (await auditOf({ kind: 'impersonation' })).filter(
      (e) => e.details?.outcome === 'refused',
    );
    for (const route of changes) expect(refused.map((e) => e.action)).toContain(route.procedure);
  });

  it('lets a shadow token read a plain GET route and audits it', async () => {
    const reads = t.services.routes.filter(
      (route) => route.method === 'GET' && route.path.startsWith('/v1/'),
    );
    expect(reads.length).toBeGreaterThan(0);
    for (const route of reads) {
      const res = await t.app.inject({
        method: 'GET',
        url: concrete(route.path),
        headers: { authorization: `Bearer ${shadow}` },
      });
      expect(res.body, route.procedure).not.toContain(IMPERSONATION_READ_ONLY);
    }
    const audited = (await auditOf({ kind: 'impersonation' })).map((e) => e.action);
    for (const route of reads) expect(audited).toContain(route.procedure);
  });
});
