import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CONTAINERS } from '@bytelyst/db/containers';
import { bootstrapPlatform } from '@bytelyst/routers/bootstrap';
import type { BillingConfig } from '@bytelyst/routers/modules/billing/config';
import { BILLING_CONTAINERS } from '@bytelyst/routers/modules/billing/containers';
import { STRIPE_WEBHOOK_PATH } from '@bytelyst/routers/modules/billing/stripe/webhook-route';
import { createServices } from '@bytelyst/routers/services';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDrivers } from '../drivers';
import { parseEnv } from '../env';
import { resolveSecrets } from '../secrets';
import { buildServer } from '../server';
import { createTestClock, TEST_ADMIN } from '../testing/server';

const SECRET = 'whsec_plugin_test';

/** The full API (REST face and webhook route), on services built with `billing` settings. */
const startApi = async (billing: BillingConfig) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'bytelyst-stripe-'));
  const env = parseEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: dir,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    PUBLIC_BASE_URL: 'http://127.0.0.1:4003',
  });
  const clock = createTestClock(Date.parse('2026-06-01T12:00:00.000Z'));
  const secrets = resolveSecrets(env);
  const { store, blob } = await createDrivers(env, {
    clock: clock.clock,
    blobSigningSecret: secrets.blobSigningSecret,
  });
  const services = createServices({
    store,
    blob,
    clock: clock.clock,
    config: {
      jwtSecret: secrets.jwtSecret,
      accessTokenTtlSeconds: 900,
      sessionTtlDays: 30,
      defaultProductId: env.DEFAULT_PRODUCT_ID,
      billing,
    },
  });
  await bootstrapPlatform(services, { adminEmail: TEST_ADMIN.email, adminPassword: TEST_ADMIN.password });
  const app = buildServer({ env, store, blob, clock: clock.clock, services });
  await app.ready();
  return {
    app,
    services,
    store,
    clock,
    close: async () => {
      await app.close();
      await services.bus.stop();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
};

/** Signs as Stripe does (`t=<unix>,v1=<HMAC-SHA256 of "t.body">`), independently of the stripe library. */
const sign = (payload: string, timestampSeconds: number, secret = SECRET) =>
  `t=${timestampSeconds},v1=${createHmac('sha256', secret).update(`${timestampSeconds}.${payload}`).digest('hex')}`;

const post = (app: FastifyInstance, payload: string, signature?: string, contentType = 'application/json') =>
  app.inject({
    method: 'POST',
    url: STRIPE_WEBHOOK_PATH,
    headers: { 'content-type': contentType, ...(signature ? { 'stripe-signature': signature } : {}) },
    payload,
  });

describe('POST /v1/stripe/webhook', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let userId = '';
  const now = () => Math.floor(api.clock.clock() / 1000);
  // Spacing and key order as Stripe sends them: the signature is over these exact bytes.
  const invoiceEvent = (id: string) =>
    `{\n  "id": "${id}",\n  "object": "event",\n  "type": "invoice.payment_succeeded",\n  "data": {\n    "object": {"id": "in_${id}", "customer": "cus_plugin", "currency": "usd", "amount_paid": 2500, "attempt_count": 1}\n  }\n}`;

  beforeAll(async () => {
    api = await startApi({ stripeWebhookSecret: SECRET });
    const user = await api.services.users.create('platform', {
      email: 'payer@example.com',
      name: 'Payer',
      password: 'correct-horse-battery',
      roles: ['user'],
    });
    userId = user.id;
    await api.services.billing.subscriptions.ensureForUser('platform', userId);
    await api.services.billing.subscriptions.mutate('platform', userId, (s) => ({
      ...s,
      stripeCustomerId: 'cus_plugin',
    }));
  });
  afterAll(async () => api.close());

  const paymentEvents = async () => {
    const page = await api.store
      .container<{ id: string; type: string; data: { userId?: string } }>(CONTAINERS.events.name)
      .query({ partitionKey: 'platform', where: { type: { eq: 'payment.succeeded' } }, limit: 100 });
    return page.items.filter((e) => e.data.userId === userId);
  };

  it('applies a correctly signed event from the raw body', async () => {
    const payload = invoiceEvent('evt_ok');
    const res = await post(api.app, payload, sign(payload, now()));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ received: true, duplicate: false, outcome: 'payment succeeded' });
    const payment = await api.store.container(BILLING_CONTAINERS.payments.name).read('in_evt_ok', 'platform');
    expect(payment).toMatchObject({ userId, amount: 2500, status: 'succeeded' });
  });

  it('applies a replayed event once and answers 200 to the duplicates', async () => {
    const payload = invoiceEvent('evt_twice');
    const signature = sign(payload, now());
    const responses = await Promise.all([1, 2, 3].map(() => post(api.app, payload, signature)));
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(responses.filter((r) => r.json().duplicate === false)).toHaveLength(1);
    const later = await post(api.app, payload, sign(payload, now()));
    expect(later.json()).toMatchObject({ duplicate: true });
    const applied = (await paymentEvents()).filter((e) => JSON.stringify(e.data).includes('in_evt_twice'));
    expect(applied).toHaveLength(1);
  });

  it('refuses a tampered body, a foreign secret and a missing signature with 400', async () => {
    const payload = invoiceEvent('evt_tampered');
    const signature = sign(payload, now());
    const tampered = await post(api.app, payload.replace('2500', '1'), signature);
    expect(tampered.statusCode).toBe(400);
    expect(tampered.json()).toEqual({
      error: { code: 'BAD_REQUEST', message: 'Stripe signature does not match' },
    });
    // Re-serialised JSON is not what was signed either.
    const reserialised = await post(api.app, JSON.stringify(JSON.parse(payload)), signature);
    expect(reserialised.statusCode).toBe(400);
    expect((await post(api.app, payload, sign(payload, now(), 'whsec_other'))).statusCode).toBe(400);
    const unsigned = await post(api.app, payload);
    expect(unsigned.statusCode).toBe(400);
    expect(unsigned.json().error.message).toMatch(/Stripe-Signature/);
    expect(
      await api.store.container(BILLING_CONTAINERS.stripeEvents.name).read('evt_tampered', 'evt_tampered'),
    ).toBeUndefined();
  });

  it('refuses a signature older than 300 seconds by the injected clock', async () => {
    const payload = invoiceEvent('evt_stale');
    const signedAt = now();
    api.clock.advance(301_000);
    const res = await post(api.app, payload, sign(payload, signedAt));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/tolerance/);
    api.clock.advance(-1000);
    expect((await post(api.app, payload, sign(payload, signedAt))).statusCode).toBe(200);
  });

  it('takes any content type and acknowledges unknown event types', async () => {
    const payload =
      '{"id":"evt_other","object":"event","type":"charge.refunded","data":{"object":{"id":"ch_1"}}}';
    const res = await post(api.app, payload, sign(payload, now()), 'application/json; charset=utf-8');
    expect(res.json()).toMatchObject({ duplicate: false, outcome: 'ignored: unhandled type' });
  });

  it('leaves the JSON REST face untouched', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/v1/plans' });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((p: { code: string }) => p.code)).toEqual(['free', 'pro', 'enterprise']);
  });
});

describe('POST /v1/stripe/webhook without a webhook secret', () => {
  it('answers 503 UNAVAILABLE', async () => {
    const api = await startApi({});
    try {
      const payload = '{"id":"evt_x","object":"event","type":"invoice.paid","data":{"object":{}}}';
      const res = await post(api.app, payload, sign(payload, Math.floor(api.clock.clock() / 1000)));
      expect(res.statusCode).toBe(503);
      expect(res.json().error).toMatchObject({
        code: 'UNAVAILABLE',
        message: expect.stringMatching(/STRIPE_WEBHOOK_SECRET/),
      });
    } finally {
      await api.close();
    }
  });
});
