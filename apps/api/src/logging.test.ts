import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './server';
import { loginRest } from './testing/http';
import { createTestServer, type TestServer } from './testing/server';

let t: TestServer;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  t = await createTestServer();
  await t.app.close();
  t.app = buildServer({
    env: { ...t.env, LOG_LEVEL: 'info' },
    store: t.store,
    blob: t.blob,
    clock: t.clock.clock,
    services: t.services,
    logStream: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  });
});
afterAll(async () => {
  await t.close();
});

describe('request logs', () => {
  it('one line per request, with the request id, method, url, status and time', async () => {
    lines.length = 0;
    await t.app.inject({ url: '/health', headers: { 'x-request-id': 'log-test-1' } });
    const mine = lines.filter((line) => line.reqId === 'log-test-1');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      msg: 'request completed',
      method: 'GET',
      url: '/health',
      statusCode: 200,
    });
    expect(mine[0]?.responseTime).toBeTypeOf('number');
  });

  it('never logs the signature of a blob URL', async () => {
    await t.blob.put('logs', 'a.txt', 'x');
    const url = new URL(await t.blob.signedUrl('logs', 'a.txt', { expiresInSeconds: 60 }));
    lines.length = 0;
    const res = await t.app.inject({ url: `${url.pathname}${url.search}` });
    expect(res.statusCode).toBe(200);
    const text = JSON.stringify(lines);
    expect(text).toContain('/blobs/logs/a.txt');
    expect(text).not.toContain(url.searchParams.get('sig') ?? 'missing');
  });
});

describe('request identity and redaction', () => {
  it('names the product and the signed-in user on the request line; anonymous lines say null', async () => {
    const token = await loginRest(t.app, t.admin.email, t.admin.password);
    const me = await t.services.users.findByEmail(t.env.DEFAULT_PRODUCT_ID, t.admin.email);
    expect(me?.id).toBeTypeOf('string');
    lines.length = 0;
    await t.app.inject({
      url: '/v1/auth/me',
      headers: { authorization: `Bearer ${token}`, 'x-request-id': 'log-user-1' },
    });
    await t.app.inject({
      url: '/health',
      headers: { 'x-request-id': 'log-anon-1', 'x-product-id': 'bytelyst' },
    });
    const signedIn = lines.find((line) => line.reqId === 'log-user-1');
    expect(signedIn).toMatchObject({ productId: 'bytelyst', userId: me?.id, statusCode: 200 });
    const anonymous = lines.find((line) => line.reqId === 'log-anon-1');
    expect(anonymous).toMatchObject({ productId: 'bytelyst', userId: null });
    // Whatever was logged for these requests, the bearer token is not in it.
    expect(JSON.stringify(lines)).not.toContain(token);
  });

  it('replaces credential-like query values in the logged URL', async () => {
    lines.length = 0;
    await t.app.inject({ url: '/health?token=reset-abc123&page=2', headers: { 'x-request-id': 'log-q-1' } });
    const line = lines.find((entry) => entry.reqId === 'log-q-1');
    expect(line?.url).toBe('/health?token=%5BRedacted%5D&page=2');
    expect(JSON.stringify(lines)).not.toContain('reset-abc123');
  });

  it('redacts headers, cookies, passwords, refresh tokens and API keys in any logged object', async () => {
    lines.length = 0;
    t.app.log.info(
      {
        upstream: {
          headers: { authorization: 'Bearer sekrit-jwt', cookie: 'session=sekrit-cookie', host: 'x' },
        },
        body: { email: 'a@example.com', password: 'sekrit-pass', refreshToken: 'sekrit-refresh' },
        apiKey: 'sekrit-apikey',
        config: { clientSecret: 'sekrit-client', 'x-api-key': 'sekrit-header' },
      },
      'redaction probe',
    );
    const probe = lines.find((line) => line.msg === 'redaction probe');
    expect(probe).toMatchObject({
      upstream: { headers: { authorization: '[Redacted]', cookie: '[Redacted]', host: 'x' } },
      body: { email: 'a@example.com', password: '[Redacted]', refreshToken: '[Redacted]' },
      apiKey: '[Redacted]',
      config: { clientSecret: '[Redacted]', 'x-api-key': '[Redacted]' },
    });
    expect(JSON.stringify(lines)).not.toMatch(/sekrit/);
  });
});
