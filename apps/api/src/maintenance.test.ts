import { createEventWebhookSigner } from '@bytelyst/routers/testing/fake-sendgrid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEVER_REFUSED_PROCEDURES } from './plugins/maintenance';
import { PROCEDURES } from './plugins/trpc';
import { loginRest, rest, trpcMutation, trpcQuery, type Wire } from './testing/http';
import { createTestServer, type TestServer } from './testing/server';

type RestError = { error: { code: string; message: string; reason?: string } };
type TrpcError = {
  error: {
    message: string;
    data: { code: string; httpStatus: number; appCode: string; reason?: string; path: string };
  };
};

const USER = { email: 'maint-user@bytelyst.test', password: 'maint-user-password-1', name: 'Maint User' };
const MINUTE = 60_000;

let t: TestServer;
let adminToken: string;
let userToken: string;

beforeAll(async () => {
  t = await createTestServer({
    env: {
      STRIPE_WEBHOOK_SECRET: 'whsec_maintenance_test_secret',
      SENDGRID_WEBHOOK_PUBLIC_KEY: createEventWebhookSigner().publicKey,
    },
  });
  adminToken = await loginRest(t.app, t.admin.email, t.admin.password);
  const registered = await rest(t.app, 'POST', '/auth/register', { body: USER });
  expect(registered.status).toBe(200);
  userToken = (registered.body as { accessToken: string }).accessToken;
});
afterAll(async () => {
  await t.close();
});

/** The admin's PUT; the bus then carries the switch out (the test server runs no workers). */
const setMode = async (body: Record<string, unknown>) => {
  const res = await rest(t.app, 'PUT', '/settings/maintenance', { token: adminToken, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  await t.services.bus.drain();
  await t.services.bus.pollStreams();
  await t.services.bus.drain();
  return res.body;
};

const inject = async (opts: {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'HEAD' | 'OPTIONS';
  url: string;
  token?: string;
  body?: unknown;
  remoteAddress?: string;
  headers?: Record<string, string>;
}): Promise<Wire> => {
  const res = await t.app.inject({
    method: opts.method,
    url: opts.url,
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...opts.headers,
    },
    ...(opts.body !== undefined ? { payload: JSON.stringify(opts.body) } : {}),
    ...(opts.remoteAddress ? { remoteAddress: opts.remoteAddress } : {}),
  });
  let body: unknown = res.payload;
  try {
    body = JSON.parse(res.payload);
  } catch {
    // not JSON
  }
  return { status: res.statusCode, body, headers: res.headers };
};

const expectRestRefusal = (res: Wire, reason: string, message: string) => {
  expect(res.status, JSON.stringify(res.body)).toBe(503);
  expect(res.body).toEqual({ error: { code: 'UNAVAILABLE', message, reason } } satisfies RestError);
};

const expectTrpcRefusal = (res: Wire, reason: string, message: string, path: string) => {
  expect(res.status, JSON.stringify(res.body)).toBe(503);
  expect((res.body as TrpcError).error).toMatchObject({
    message,
    data: { code: 'SERVICE_UNAVAILABLE', httpStatus: 503, appCode: 'UNAVAILABLE', reason, path },
  });
};

describe('maintenance mode on both faces', () => {
  it('off: nothing is refused', async () => {
    expect(
      (await rest(t.app, 'PATCH', '/settings/me', { token: userToken, body: { values: { a: 1 } } })).status,
    ).toBe(200);
    expect((await trpcQuery(t.app, 'auth.getMine', undefined, userToken)).status).toBe(200);
  });

  it('read_only: a change is refused with 503, Retry-After and the message; a read passes', async () => {
    const message = 'Database upgrade: changes are paused for half an hour.';
    const end = new Date(t.clock.clock() + 30 * MINUTE).toISOString();
    await setMode({ mode: 'read_only', message, scheduledEnd: end, bypassRoles: ['super_admin'] });

    const restChange = await rest(t.app, 'PATCH', '/settings/me', {
      token: userToken,
      body: { values: { a: 2 } },
    });
    expectRestRefusal(restChange, 'read_only', message);
    expect(restChange.headers['retry-after']).toBe('1800');
    const trpcChange = await trpcMutation(t.app, 'settings.updateMine', { values: { a: 2 } }, userToken);
    expectTrpcRefusal(trpcChange, 'read_only', message, 'settings.updateMine');
    expect(trpcChange.headers['retry-after']).toBe('1800');
    // A batch of mutations is refused call by call, in tRPC's batch shape.
    const batch = await inject({
      method: 'POST',
      url: '/trpc/settings.updateMine,auth.logout?batch=1',
      token: userToken,
      body: { 0: { values: { a: 3 } }, 1: {} },
    });
    expect(batch.status).toBe(503);
    expect((batch.body as TrpcError[]).map((item) => item.error.data.path)).toEqual([
      'settings.updateMine',
      'auth.logout',
    ]);

    const restRead = await rest(t.app, 'GET', '/settings/me', { token: userToken });
    expect(restRead.status).toBe(200);
    expect(restRead.body).toMatchObject({ values: { a: 1 } });
    expect((await trpcQuery(t.app, 'settings.getMine', undefined, userToken)).status).toBe(200);
    expect(
      (await inject({ method: 'GET', url: '/trpc/auth.getMine,settings.getMine?batch=1', token: userToken }))
        .status,
    ).toBe(200);

    // The super admin holds a bypass role: its changes pass on both faces.
    expect(
      (await rest(t.app, 'PATCH', '/settings/me', { token: adminToken, body: { values: { b: 1 } } })).status,
    ).toBe(200);
    expect((await trpcMutation(t.app, 'settings.updateMine', { values: { b: 2 } }, adminToken)).status).toBe(
      200,
    );
  });

  it('maintenance: everything is refused, reads too, with a default Retry-After when no end is planned', async () => {
    const message = 'Down for maintenance until about three.';
    await setMode({ mode: 'maintenance', message, bypassRoles: ['super_admin'] });
    const read = await rest(t.app, 'GET', '/auth/me', { token: userToken });
    expectRestRefusal(read, 'maintenance', message);
    expect(read.headers['retry-after']).toBe('300');
    expectTrpcRefusal(
      await trpcQuery(t.app, 'auth.getMine', undefined, userToken),
      'maintenance',
      message,
      'auth.getMine',
    );
    expectRestRefusal(await rest(t.app, 'GET', '/products/current'), 'maintenance', message);
    expectTrpcRefusal(
      await trpcQuery(t.app, 'products.getCurrent'),
      'maintenance',
      message,
      'products.getCurrent',
    );
    // A browser can read the refusal: it carries the CORS headers.
    const fromConsole = await inject({
      method: 'GET',
      url: '/v1/auth/me',
      token: userToken,
      headers: { origin: 'http://127.0.0.1:3001' },
    });
    expect(fromConsole.status).toBe(503);
    expect(fromConsole.headers['access-control-allow-origin']).toBe('http://127.0.0.1:3001');
    // A plain module route (blob download) too.
    expectRestRefusal(await inject({ method: 'GET', url: '/blobs/x/y' }), 'maintenance', message);
    // The bypass role passes, reads and changes.
    expect((await rest(t.app, 'GET', '/auth/me', { token: adminToken })).status).toBe(200);
    expect((await trpcQuery(t.app, 'auth.getMine', undefined, adminToken)).status).toBe(200);
  });

  it('never refuses health, metrics, the status page, the maintenance config, sign-in and the inbound webhooks', async () => {
    await setMode({ mode: 'maintenance', message: 'Closed', bypassRoles: [] });
    for (const url of ['/health', '/health/ready', '/metrics']) {
      expect((await inject({ method: 'GET', url })).status, url).toBe(200);
    }
    // The public status page answers: users learn about the maintenance from it.
    expect((await inject({ method: 'GET', url: '/v1/public/status' })).status).toBe(200);
    expect((await inject({ method: 'GET', url: '/v1/public/status/history' })).status).toBe(200);
    expect((await inject({ method: 'GET', url: '/trpc/status.get' })).status).toBe(200);
    expect((await rest(t.app, 'GET', '/settings/maintenance')).body).toMatchObject({
      mode: 'maintenance',
      message: 'Closed',
    });
    expect((await rest(t.app, 'GET', '/settings/maintenance/schedule')).status).toBe(200);
    expect((await trpcQuery(t.app, 'maintenance.get')).status).toBe(200);
    expect((await rest(t.app, 'GET', '/settings/kill-switch')).status).toBe(200);
    expect(
      (
        await inject({
          method: 'OPTIONS',
          url: '/v1/auth/me',
          headers: { origin: 'http://127.0.0.1:3001', 'access-control-request-method': 'GET' },
        })
      ).status,
    ).toBe(204);
    // Sign-in works for anyone (bypass roles need it); what comes after is refused unless they bypass.
    expect(
      (await rest(t.app, 'POST', '/auth/login', { body: { email: USER.email, password: USER.password } }))
        .status,
    ).toBe(200);
    const viaTrpc = await trpcMutation(t.app, 'auth.login', {
      email: t.admin.email,
      password: t.admin.password,
    });
    expect(viaTrpc.status).toBe(200);
    // The providers' webhooks reach their own checks (a bad signature), not maintenance.
    const stripe = await inject({
      method: 'POST',
      url: '/v1/stripe/webhook',
      body: { id: 'evt_1' },
      headers: { 'stripe-signature': 't=1,v1=bad' },
    });
    expect(stripe.status).toBe(400);
    const sendgrid = await inject({ method: 'POST', url: '/v1/delivery/sendgrid/events', body: [] });
    expect(sendgrid.status).toBe(401);
    // The admin's PUT is never refused either, even with no bypass left: it is the way out.
    await setMode({ mode: 'off' });
    expect((await rest(t.app, 'GET', '/auth/me', { token: userToken })).status).toBe(200);
  });

  it('bypass IPs: IPv4 and IPv6 CIDRs pass, others are refused; on both faces', async () => {
    await setMode({
      mode: 'maintenance',
      message: 'Closed',
      bypassRoles: [],
      bypassIPs: ['203.0.113.0/24', '2001:db8:1::/48'],
    });
    for (const remoteAddress of ['203.0.113.7', '2001:db8:1:ff::42', '::ffff:203.0.113.9']) {
      expect(
        (await inject({ method: 'GET', url: '/v1/products/current', remoteAddress })).status,
        remoteAddress,
      ).toBe(200);
      expect(
        (
          await inject({
            method: 'POST',
            url: '/trpc/settings.updateMine',
            token: userToken,
            body: { values: { ip: remoteAddress } },
            remoteAddress,
          })
        ).status,
      ).toBe(200);
    }
    for (const remoteAddress of ['203.0.114.7', '2001:db8:2::1', '127.0.0.1']) {
      expect(
        (await inject({ method: 'GET', url: '/v1/products/current', remoteAddress })).status,
        remoteAddress,
      ).toBe(503);
    }
    // A super admin without a bypass role or address is refused like anyone.
    expect((await rest(t.app, 'GET', '/auth/me', { token: adminToken })).status).toBe(503);
    await setMode({ mode: 'off' });
  });

  it('emergency: refuses like maintenance and raises the kill switch until it ends', async () => {
    await setMode({ mode: 'emergency', message: 'Restoring a backup.', bypassRoles: ['super_admin'] });
    expectRestRefusal(
      await rest(t.app, 'GET', '/auth/me', { token: userToken }),
      'emergency',
      'Restoring a backup.',
    );
    expectTrpcRefusal(
      await trpcMutation(t.app, 'settings.updateMine', { values: {} }, userToken),
      'emergency',
      'Restoring a backup.',
      'settings.updateMine',
    );
    expect((await rest(t.app, 'GET', '/settings/kill-switch')).body).toMatchObject({
      enabled: true,
      blocked: true,
      message: 'Restoring a backup.',
    });
    const checklist = await rest(t.app, 'GET', '/settings/maintenance/switch', { token: adminToken });
    expect(checklist.body).toMatchObject({ switch: { to: 'emergency', state: 'done' } });
    await setMode({ mode: 'off' });
    expect((await rest(t.app, 'GET', '/settings/kill-switch')).body).toMatchObject({ enabled: false });
    expect((await rest(t.app, 'GET', '/auth/me', { token: userToken })).status).toBe(200);
  });

  it('a product in maintenance leaves the others alone; the product comes from the header or the bearer', async () => {
    const created = await rest(t.app, 'POST', '/products', {
      token: adminToken,
      body: { id: 'maint-other', name: 'Other' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const res = await t.app.inject({
      method: 'PUT',
      url: '/v1/settings/maintenance',
      headers: {
        authorization: `Bearer ${adminToken}`,
        'x-product-id': 'maint-other',
        'content-type': 'application/json',
      },
      payload: JSON.stringify({ mode: 'maintenance', message: 'Other is closed', bypassRoles: [] }),
    });
    expect(res.statusCode).toBe(200);
    const other = await inject({
      method: 'GET',
      url: '/v1/products/current',
      headers: { 'x-product-id': 'maint-other' },
    });
    expectRestRefusal(other, 'maintenance', 'Other is closed');
    expect((await rest(t.app, 'GET', '/products/current')).status).toBe(200);
    // The default product's user, by bearer alone, is not in maintenance.
    expect((await rest(t.app, 'GET', '/auth/me', { token: userToken })).status).toBe(200);
    await t.app.inject({
      method: 'PUT',
      url: '/v1/settings/maintenance',
      headers: {
        authorization: `Bearer ${adminToken}`,
        'x-product-id': 'maint-other',
        'content-type': 'application/json',
      },
      payload: JSON.stringify({ mode: 'off' }),
    });
  });

  it('lists only procedures that exist as never refused', () => {
    for (const path of NEVER_REFUSED_PROCEDURES) expect(PROCEDURES).toContain(path);
  });
});
