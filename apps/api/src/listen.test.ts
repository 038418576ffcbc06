import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from './testing/server';

let t: TestServer;
let base: string;

beforeAll(async () => {
  t = await createTestServer();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address() as AddressInfo;
  base = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  await t.close();
});

describe('over a real socket', () => {
  it('health, ready, request id and a login round trip on both faces', async () => {
    const health = await fetch(`${base}/health`, { headers: { 'x-request-id': 'real-socket-1' } });
    expect(health.status).toBe(200);
    expect(health.headers.get('x-request-id')).toBe('real-socket-1');
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);

    const login = await fetch(`${base}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: t.admin.email, password: t.admin.password }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const me = await fetch(`${base}/trpc/auth.getMine`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { result: { data: { email: string } } }).result.data.email).toBe(
      t.admin.email,
    );
  });

  it('follows the docs redirect to HTML and serves the spec', async () => {
    const docs = await fetch(`${base}/documentation`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toContain('text/html');
    const spec = (await (await fetch(`${base}/documentation/json`)).json()) as { openapi: string };
    expect(spec.openapi.startsWith('3.')).toBe(true);
  });

  it('answers CORS preflight and metrics', async () => {
    const preflight = await fetch(`${base}/v1/auth/login`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3001', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:3001');
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('http_request_duration_seconds_count');
  });
});
