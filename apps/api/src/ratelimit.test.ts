import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginRest, rest } from './testing/http';
import { createTestServer, type TestServer } from './testing/server';

/** IP rules and rate limits over HTTP: both faces, the client address as the server sees it. */

let t: TestServer;
let adminToken: string;

type Answer = { status: number; body: unknown; headers: Record<string, unknown> };

/** A request from `ip` (the socket's address, as a client without a proxy has it). */
const from = async (
  ip: string,
  method: 'GET' | 'POST',
  url: string,
  opts: { body?: unknown; token?: string } = {},
): Promise<Answer> => {
  const res = await t.app.inject({
    method,
    url,
    remoteAddress: ip,
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(opts.body === undefined ? {} : { payload: JSON.stringify(opts.body) }),
  });
  let body: unknown = res.payload;
  try {
    body = JSON.parse(res.payload);
  } catch {
    // Not JSON.
  }
  return { status: res.statusCode, body, headers: res.headers };
};

const limitHeaders = (answer: Answer) => ({
  limit: answer.headers['ratelimit-limit'],
  remaining: answer.headers['ratelimit-remaining'],
});

const createRule = async (body: Record<string, unknown>) => {
  const res = await rest(t.app, 'POST', '/ratelimit/rules', { token: adminToken, body });
  expect(res.status).toBe(200);
  return res.body as { id: string };
};

const createIpRule = async (body: Record<string, unknown>) => {
  const res = await rest(t.app, 'POST', '/ratelimit/ip-rules', { token: adminToken, body });
  expect(res.status).toBe(200);
  return res.body as { id: string; cidr: string };
};

beforeAll(async () => {
  t = await createTestServer();
  adminToken = await loginRest(t.app, t.admin.email, t.admin.password);
});
afterAll(async () => {
  await t.close();
});

describe('rate limits on both faces', () => {
  let ruleId: string;
  beforeAll(async () => {
    ({ id: ruleId } = await createRule({
      name: 'Plans per address',
      match: ['plans.list'],
      key: 'ip',
      limit: 2,
      windowSeconds: 60,
    }));
  });

  it('REST: RateLimit headers, then 429 with Retry-After and the error body naming the rule', async () => {
    const first = await from('203.0.113.10', 'GET', '/v1/plans');
    expect(first.status).toBe(200);
    expect(limitHeaders(first)).toEqual({ limit: '2', remaining: '1' });
    expect(Number(first.headers['ratelimit-reset'])).toBeGreaterThan(0);
    expect(limitHeaders(await from('203.0.113.10', 'GET', '/v1/plans'))).toEqual({
      limit: '2',
      remaining: '0',
    });

    const refused = await from('203.0.113.10', 'GET', '/v1/plans');
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    // Past the window's end the previous window's count still fades (sliding window): up to 1.5 windows here.
    expect(retryAfter).toBeLessThanOrEqual(90);
    expect(refused.body).toEqual({
      error: {
        code: 'TOO_MANY_REQUESTS',
        message: expect.stringContaining("Rate limit 'Plans per address'"),
        reason: 'rate_limited',
        rule: ruleId,
        retryAfter,
      },
    });
    expect(limitHeaders(refused)).toEqual({ limit: '2', remaining: '0' });
    // Another address has its own count; a route no rule covers carries no headers.
    expect((await from('203.0.113.11', 'GET', '/v1/plans')).status).toBe(200);
    expect(
      (await from('203.0.113.10', 'GET', '/v1/products/current')).headers['ratelimit-limit'],
    ).toBeUndefined();
  });

  it('tRPC: the same counter, and a tRPC error shape (one per call in a batch)', async () => {
    const ip = '203.0.113.20';
    expect((await from(ip, 'GET', '/v1/plans')).status).toBe(200);
    const viaTrpc = await from(ip, 'GET', '/trpc/plans.list');
    expect(viaTrpc.status).toBe(200);
    expect(limitHeaders(viaTrpc)).toEqual({ limit: '2', remaining: '0' });

    const refused = await from(ip, 'GET', '/trpc/plans.list');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body).toEqual({
      error: {
        message: expect.stringContaining('Plans per address'),
        code: -32029,
        data: {
          code: 'TOO_MANY_REQUESTS',
          httpStatus: 429,
          path: 'plans.list',
          appCode: 'TOO_MANY_REQUESTS',
          reason: 'rate_limited',
          rule: ruleId,
          retryAfter: Number(refused.headers['retry-after']),
        },
      },
    });

    const input = encodeURIComponent(JSON.stringify({ 0: {}, 1: {} }));
    const batch = await from(ip, 'GET', `/trpc/plans.list,products.getCurrent?batch=1&input=${input}`);
    expect(batch.status).toBe(429);
    const calls = batch.body as { error: { data: { path: string; code: string } } }[];
    expect(calls.map((call) => [call.error.data.path, call.error.data.code])).toEqual([
      ['plans.list', 'TOO_MANY_REQUESTS'],
      ['products.getCurrent', 'TOO_MANY_REQUESTS'],
    ]);
  });

  it('counts a signed-in user by user id when the rule says so, with their override', async () => {
    const registered = await rest(t.app, 'POST', '/auth/register', {
      body: { email: 'limited@bytelyst.test', password: 'limited-user-password-1', name: 'Limited' },
    });
    const { accessToken, user } = registered.body as { accessToken: string; user: { id: string } };
    const perUser = await createRule({
      name: 'Me per user',
      match: ['GET /v1/auth/me'],
      key: 'user',
      limit: 1,
      windowSeconds: 60,
    });
    expect((await from('192.0.2.1', 'GET', '/v1/auth/me', { token: accessToken })).status).toBe(200);
    // A new address does not help: the key is the user.
    const refused = await from('192.0.2.2', 'GET', '/trpc/auth.getMine', { token: accessToken });
    expect(refused.status).toBe(429);
    const override = await rest(t.app, 'POST', '/ratelimit/overrides', {
      token: adminToken,
      body: {
        userId: user.id,
        ruleId: perUser.id,
        limit: 3,
        reason: 'Support session',
        expiresAt: new Date(t.clock.clock() + 60_000).toISOString(),
      },
    });
    expect(override.status).toBe(200);
    const raised = await from('192.0.2.2', 'GET', '/v1/auth/me', { token: accessToken });
    expect(raised.status).toBe(200);
    expect(limitHeaders(raised)).toEqual({ limit: '3', remaining: '1' });
  });
  it('never counts the status page or the maintenance config on /trpc, as on REST; a mixed batch counts', async () => {
    await createRule({
      name: 'Status and maintenance per address',
      match: ['status.*', 'maintenance.*'],
      key: 'ip',
      limit: 1,
      windowSeconds: 60,
    });
    const ip = '203.0.113.40';
    for (const url of ['/trpc/status.get', '/trpc/status.getHistory', '/trpc/maintenance.get']) {
      for (let i = 0; i < 3; i += 1) {
        const answer = await from(ip, 'GET', url);
        expect([url, answer.status]).toEqual([url, 200]);
        expect(answer.headers['ratelimit-limit']).toBeUndefined();
      }
    }
    // The rule is in force for what REST counts too (the planned window is not on the exempt list).
    const schedule = await from(ip, 'GET', '/trpc/maintenance.getSchedule');
    expect(schedule.status).toBe(200);
    expect(limitHeaders(schedule)).toEqual({ limit: '1', remaining: '0' });
    expect((await from(ip, 'GET', '/trpc/maintenance.getSchedule')).status).toBe(429);
    const input = encodeURIComponent(JSON.stringify({ 0: {}, 1: {} }));
    const mixed = await from(ip, 'GET', `/trpc/status.get,maintenance.getSchedule?batch=1&input=${input}`);
    expect(mixed.status).toBe(429);
  });
});

describe('IP rules', () => {
  it('deny: 403 before authentication, also for a bogus token, on both faces; health still answers', async () => {
    await createIpRule({ cidr: '198.51.100.0/24', action: 'deny', reason: 'Abuse from this range' });
    const rest403 = await from('198.51.100.7', 'GET', '/v1/auth/me', { token: 'not-a-real-token' });
    expect(rest403.status).toBe(403);
    expect(rest403.body).toEqual({
      error: {
        code: 'FORBIDDEN',
        message: 'Requests from this address are not accepted (198.51.100.0/24)',
        reason: 'ip_denied',
      },
    });
    const trpc403 = await from('198.51.100.7', 'POST', '/trpc/auth.login', {
      body: { email: t.admin.email, password: t.admin.password },
    });
    expect(trpc403.status).toBe(403);
    expect(trpc403.body).toMatchObject({
      error: { data: { code: 'FORBIDDEN', httpStatus: 403, path: 'auth.login', reason: 'ip_denied' } },
    });
    // An IPv4-mapped IPv6 client is the same address.
    expect((await from('::ffff:198.51.100.200', 'GET', '/v1/plans')).status).toBe(403);
    expect((await from('198.51.100.7', 'GET', '/health')).status).toBe(200);
    expect((await from('198.51.101.7', 'GET', '/v1/plans')).status).toBe(200);
    // The status page and the maintenance config answer on both faces; a batch that mixes in another call does not.
    for (const url of ['/v1/public/status', '/trpc/status.get', '/trpc/maintenance.get'])
      expect([url, (await from('198.51.100.7', 'GET', url)).status]).toEqual([url, 200]);
    const input = encodeURIComponent(JSON.stringify({ 0: {}, 1: {} }));
    expect(
      (await from('198.51.100.7', 'GET', `/trpc/status.get,plans.list?batch=1&input=${input}`)).status,
    ).toBe(403);
    // The providers' inbound webhooks are never refused (here unconfigured, so they answer 503 themselves).
    expect((await from('198.51.100.7', 'POST', '/v1/stripe/webhook', { body: {} })).status).toBe(503);
    expect((await from('198.51.100.7', 'POST', '/v1/delivery/sendgrid/events', { body: [] })).status).toBe(
      503,
    );
  });

  it('deny an IPv6 CIDR; a more specific allow inside it wins', async () => {
    await createIpRule({ cidr: '2001:db8:bad::/48', action: 'deny', reason: 'Scraper' });
    await createIpRule({ cidr: '2001:db8:bad:1::/64', action: 'allow', reason: 'Their support desk' });
    expect((await from('2001:db8:bad:2::9', 'GET', '/v1/plans')).status).toBe(403);
    expect((await from('2001:db8:bad:1::9', 'GET', '/v1/plans')).status).toBe(200);
  });

  it('allow: exempt from rate limits, and an expired rule stops applying', async () => {
    const ip = '203.0.113.30';
    for (let i = 0; i < 2; i += 1) await from(ip, 'GET', '/v1/plans');
    expect((await from(ip, 'GET', '/v1/plans')).status).toBe(429);
    await createIpRule({
      cidr: ip,
      action: 'allow',
      reason: 'Monitoring',
      expiresAt: new Date(t.clock.clock() + 30_000).toISOString(),
    });
    for (let i = 0; i < 5; i += 1) {
      const answer = await from(ip, 'GET', '/v1/plans');
      expect(answer.status).toBe(200);
      expect(answer.headers['ratelimit-limit']).toBeUndefined();
    }
    t.clock.advance(30_000);
    expect((await from(ip, 'GET', '/v1/plans')).headers['ratelimit-limit']).toBe('2');
  });
});

describe('sign-in lockout over HTTP', () => {
  it('answers 429 with a Retry-After header on both faces, and shows in the stats', async () => {
    const body = { email: 'ghost@bytelyst.test', password: 'not-the-password-1' };
    for (let i = 0; i < 5; i += 1)
      expect((await from('192.0.2.50', 'POST', '/v1/auth/login', { body })).status).toBe(401);
    const viaRest = await from('192.0.2.50', 'POST', '/v1/auth/login', { body });
    expect(viaRest.status).toBe(429);
    expect(viaRest.headers['retry-after']).toBe('60');
    expect(viaRest.body).toMatchObject({
      error: { code: 'TOO_MANY_REQUESTS', reason: 'login_locked', retryAfter: 60 },
    });
    const viaTrpc = await from('192.0.2.51', 'POST', '/trpc/auth.login', { body });
    expect(viaTrpc.status).toBe(429);
    expect(viaTrpc.headers['retry-after']).toBe('60');
    expect(viaTrpc.body).toMatchObject({ error: { data: { reason: 'login_locked', retryAfter: 60 } } });

    const stats = await rest(t.app, 'GET', '/ratelimit/stats', { token: adminToken });
    const top = (stats.body as { top: { ruleId: string | null; ruleName: string; key: string }[] }).top;
    expect(top).toContainEqual(
      expect.objectContaining({ ruleId: null, ruleName: 'Sign-in lockout per account', key: '192.0.2.50' }),
    );
    expect(top).toContainEqual(expect.objectContaining({ key: '203.0.113.10' }));
  });
});
