import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './server';
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
