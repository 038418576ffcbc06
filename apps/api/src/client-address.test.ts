import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginRest } from './testing/http';
import { createTestServer, type TestServer } from './testing/server';

let t: TestServer;
let adminToken: string;

beforeAll(async () => {
  t = await createTestServer();
  adminToken = await loginRest(t.app, t.admin.email, t.admin.password);
});
afterAll(async () => {
  await t.close();
});

/** Creates a product as the admin from `remoteAddress`, then reads back the audit entry's IP. */
const auditedIp = async (remoteAddress: string, forwardedFor: string) => {
  const id = `addr-${Math.random().toString(36).slice(2, 10)}`;
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/products',
    remoteAddress,
    headers: {
      authorization: `Bearer ${adminToken}`,
      'content-type': 'application/json',
      'x-forwarded-for': forwardedFor,
    },
    payload: JSON.stringify({ id, name: 'Address check' }),
  });
  expect(res.statusCode).toBe(200);
  // The audit log is written by a bus subscriber.
  await t.services.bus.drain();
  const page = await t.services.audit.list(t.env.DEFAULT_PRODUCT_ID, { targetId: id, limit: 10 });
  expect(page.items).toHaveLength(1);
  return page.items[0]?.ip;
};

describe('client address in the audit log', () => {
  it('takes X-Forwarded-For from a loopback proxy (the console)', async () => {
    expect(await auditedIp('127.0.0.1', '203.0.113.9')).toBe('203.0.113.9');
  });

  it('ignores X-Forwarded-For from any other peer', async () => {
    expect(await auditedIp('198.51.100.7', '203.0.113.9')).toBe('198.51.100.7');
  });
});
