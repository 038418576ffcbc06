import { createHmac, createPublicKey, timingSafeEqual, verify } from 'node:crypto';
import { EVENT_DEFINITIONS } from '@bytelyst/events/catalogue';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFieldError } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { documentsHolding } from '../../testing/mailbox';
import { type Received, startWebhookReceiver, type WebhookReceiver } from '../../testing/webhook-receiver';

const PRODUCT = 'platform';

/** A receiver of the roadmap's headers: HMAC-SHA256 over "{timestamp}.{body}", refusing stale timestamps. */
const roadmapVerify = (secret: string, req: Received, nowSeconds: number): boolean => {
  const timestamp = String(req.headers['x-webhook-timestamp']);
  if (Math.abs(nowSeconds - Number(timestamp)) > 300) return false;
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = Buffer.from(
    `sha256=${createHmac('sha256', key).update(`${timestamp}.${req.body}`).digest('hex')}`,
  );
  return String(req.headers['x-webhook-signature'])
    .split(', ')
    .some((value) => value.length === expected.length && timingSafeEqual(Buffer.from(value), expected));
};

const standardHeaders = (req: Received) => ({
  'webhook-id': String(req.headers['webhook-id']),
  'webhook-timestamp': String(req.headers['webhook-timestamp']),
  'webhook-signature': String(req.headers['webhook-signature']),
});

describe('webhook endpoints and signed messages', () => {
  let h: TestHarness;
  let receiver: WebhookReceiver;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>['caller'];

  beforeAll(async () => {
    h = await createTestHarness();
    // Receivers judge a message's age by their own clock: start the platform's clock at the real time.
    h.advance(Date.now() - h.clock());
    receiver = await startWebhookReceiver();
    admin = (await h.signIn(['admin'])).caller;
  });
  afterAll(async () => {
    await receiver.close();
    await h.close();
  });

  const toggle = (flagId: string) =>
    h.services.bus.emit('flag.toggled', { flagId, enabled: true, percentage: 50 }, { productId: PRODUCT });

  it('creates an endpoint whose secret is shown once and kept only sealed', async () => {
    const created = await admin.webhooks.endpoints.create({
      url: `${receiver.url}/hooks/a`,
      eventTypes: ['flag.*'],
      description: 'Flags to the CRM',
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(created.secret.slice(6), 'base64').length).toBeGreaterThanOrEqual(24);
    expect(created).toMatchObject({ enabled: true, state: 'healthy', eventTypes: ['flag.*'] });
    const read = await admin.webhooks.endpoints.get({ id: created.id });
    expect(read).not.toHaveProperty('secret');
    expect(read.health.level).toBe('none');
    expect(await documentsHolding(h.store, created.secret)).toEqual([]);
    expect(await documentsHolding(h.store, created.secret.slice(6))).toEqual([]);
    await admin.webhooks.endpoints.delete({ id: created.id });
  });

  it('refuses unknown event types and reserved headers, naming the field', async () => {
    await expectFieldError(
      () =>
        admin.webhooks.endpoints.create({ url: receiver.url, eventTypes: ['flag.toggled', 'nope.happened'] }),
      'eventTypes.1',
    );
    await expectFieldError(
      () => admin.webhooks.endpoints.create({ url: receiver.url, eventTypes: ['session.created'] }),
      'eventTypes.0',
    );
    await expectFieldError(
      () => admin.webhooks.endpoints.create({ url: receiver.url, headers: { 'Webhook-Signature': 'x' } }),
      'headers.Webhook-Signature',
    );
    await expectFieldError(() => admin.webhooks.endpoints.create({ url: 'ftp://127.0.0.1/x' }), 'url');
  });

  it('delivers a subscribed event signed so standardwebhooks and the roadmap receiver both accept it', async () => {
    const endpoint = await admin.webhooks.endpoints.create({
      url: `${receiver.url}/hooks/b`,
      eventTypes: ['flag.toggled'],
      headers: { 'X-Tenant': 'acme' },
    });
    const other = await admin.webhooks.endpoints.create({
      url: `${receiver.url}/hooks/c`,
      eventTypes: ['subscription.*'],
    });
    const before = receiver.received.length;
    const event = await toggle('flag-signed');
    await h.services.bus.drain();
    await h.services.webhooks.engine.whenIdle();
    const got = receiver.received.slice(before);
    expect(got.map((r) => r.path)).toEqual(['/hooks/b']);
    const [req] = got;
    if (!req) throw new Error('no request');
    expect(req.headers['webhook-id']).toBe(event.id);
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['x-tenant']).toBe('acme');
    expect(JSON.parse(req.body)).toEqual({
      type: 'flag.toggled',
      timestamp: event.at,
      data: { flagId: 'flag-signed', enabled: true, percentage: 50 },
    });
    const verified = new Webhook(endpoint.secret.slice(6)).verify(req.body, standardHeaders(req));
    expect(verified).toEqual(JSON.parse(req.body));
    expect(roadmapVerify(endpoint.secret, req, Math.floor(Date.now() / 1000))).toBe(true);
    // A tampered body fails both.
    expect(() =>
      new Webhook(endpoint.secret.slice(6)).verify(`${req.body} `, standardHeaders(req)),
    ).toThrow();
    expect(
      roadmapVerify(endpoint.secret, { ...req, body: `${req.body} ` }, Math.floor(Date.now() / 1000)),
    ).toBe(false);
    // ... and a replay older than five minutes fails the roadmap receiver.
    expect(roadmapVerify(endpoint.secret, req, Math.floor(Date.now() / 1000) + 301)).toBe(false);

    const log = await admin.webhooks.endpoints.listAttempts({ id: endpoint.id });
    expect(log.items.map((m) => [m.messageId, m.status, m.attemptCount])).toEqual([
      [event.id, 'succeeded', 1],
    ]);
    const detail = await admin.webhooks.endpoints.getMessage({ id: endpoint.id, messageId: event.id });
    expect(detail.body).toBe(req.body);
    expect(detail.attempts).toHaveLength(1);
    expect(detail.attempts[0]).toMatchObject({
      succeeded: true,
      responseCode: 200,
      responseBody: 'ok',
      trigger: 'scheduled',
    });
    // Custom header values may be credentials: the log names them only.
    expect(detail.attempts[0]?.requestHeaders['X-Tenant']).toBe('(set)');
    expect(detail.attempts[0]?.requestHeaders['webhook-signature']).toBe(req.headers['webhook-signature']);
    const fromEvent = await admin.webhooks.listEventMessages({ eventId: event.id });
    expect(fromEvent.items.map((m) => m.endpointId)).toEqual([endpoint.id]);
    expect((await admin.webhooks.endpoints.get({ id: endpoint.id })).health).toMatchObject({
      level: 'green',
      attempts: 1,
      succeeded: 1,
      recent: [1],
    });
    await admin.webhooks.endpoints.delete({ id: endpoint.id });
    await admin.webhooks.endpoints.delete({ id: other.id });
  });

  it('signs with both secrets for 24 hours after a rotation, then with the new one only', async () => {
    const endpoint = await admin.webhooks.endpoints.create({
      url: `${receiver.url}/rot`,
      eventTypes: ['flag.toggled'],
    });
    const rotated = await admin.webhooks.endpoints.rotateSecret({ id: endpoint.id });
    expect(rotated.secret).not.toBe(endpoint.secret);
    expect(Date.parse(rotated.previousSecretExpiresAt ?? '')).toBe(h.clock() + 24 * 3600_000);
    const before = receiver.received.length;
    await toggle('flag-rot-1');
    await h.services.bus.drain();
    await h.services.webhooks.engine.whenIdle();
    const during = receiver.received[before];
    if (!during) throw new Error('no request during the overlap');
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const secret of [endpoint.secret, rotated.secret]) {
      expect(() => new Webhook(secret.slice(6)).verify(during.body, standardHeaders(during))).not.toThrow();
      expect(roadmapVerify(secret, during, Math.floor(Date.now() / 1000))).toBe(true);
    }
    h.advance(24 * 3600_000 + 1000);
    await toggle('flag-rot-2');
    await h.services.bus.drain();
    await h.services.webhooks.engine.whenIdle();
    const after = receiver.received[before + 1];
    if (!after) throw new Error('no request after the overlap');
    const signatures = String(after.headers['webhook-signature']).split(' ');
    const v1 = (secret: string) =>
      `v1,${createHmac('sha256', Buffer.from(secret.slice(6), 'base64'))
        .update(`${after.headers['webhook-id']}.${after.headers['webhook-timestamp']}.${after.body}`)
        .digest('base64')}`;
    expect(signatures).toEqual([v1(rotated.secret)]);
    expect(signatures).not.toContain(v1(endpoint.secret));
    const sentAt = Number(after.headers['webhook-timestamp']);
    expect(roadmapVerify(rotated.secret, after, sentAt)).toBe(true);
    expect(roadmapVerify(endpoint.secret, after, sentAt)).toBe(false);
    await admin.webhooks.endpoints.delete({ id: endpoint.id });
  });

  it('signs v1a endpoints with ed25519: the receiver verifies with the public key alone', async () => {
    const endpoint = await admin.webhooks.endpoints.create({
      url: `${receiver.url}/v1a`,
      eventTypes: ['flag.toggled'],
      signatureScheme: 'v1a',
    });
    expect(endpoint.secret).toMatch(/^whsk_/);
    expect(endpoint.publicKey).toMatch(/^whpk_/);
    const before = receiver.received.length;
    await toggle('flag-v1a');
    await h.services.bus.drain();
    await h.services.webhooks.engine.whenIdle();
    const req = receiver.received[before];
    if (!req) throw new Error('no request');
    const [scheme, signature] = String(req.headers['webhook-signature']).split(',');
    expect(scheme).toBe('v1a');
    const raw = Buffer.from(String(endpoint.publicKey).slice(5), 'base64');
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') },
      format: 'jwk',
    });
    const signed = `${req.headers['webhook-id']}.${req.headers['webhook-timestamp']}.${req.body}`;
    expect(verify(null, Buffer.from(signed), key, Buffer.from(String(signature), 'base64'))).toBe(true);
    expect(verify(null, Buffer.from(`${signed} `), key, Buffer.from(String(signature), 'base64'))).toBe(
      false,
    );
    // No shared secret: no roadmap HMAC header, only its timestamp.
    expect(req.headers['x-webhook-signature']).toBeUndefined();
    expect(req.headers['x-webhook-timestamp']).toBe(req.headers['webhook-timestamp']);
    await admin.webhooks.endpoints.delete({ id: endpoint.id });
  });

  it("sends a test message with the catalogue's example and answers with its attempt", async () => {
    const endpoint = await admin.webhooks.endpoints.create({ url: `${receiver.url}/test` });
    const result = await admin.webhooks.endpoints.sendTest({ id: endpoint.id, eventType: 'payment.failed' });
    expect(result.status).toBe('succeeded');
    expect(result.attempts[0]).toMatchObject({ trigger: 'test', responseCode: 200 });
    const body = JSON.parse(result.body) as { type: string; data: Record<string, unknown> };
    expect(body.type).toBe('payment.failed');
    const definition = EVENT_DEFINITIONS['payment.failed'];
    expect(body.data).toEqual(definition.example);
    expect(definition.payload.parse(body.data)).toEqual(body.data);
    const req = receiver.received.at(-1);
    expect(req?.body).toBe(result.body);
    await expectFieldError(
      () => admin.webhooks.endpoints.sendTest({ id: endpoint.id, eventType: 'session.created' }),
      'eventType',
    );
    await admin.webhooks.endpoints.delete({ id: endpoint.id });
  });

  it('delivers nothing to a disabled endpoint, and enabling it starts afresh', async () => {
    const endpoint = await admin.webhooks.endpoints.create({
      url: `${receiver.url}/off`,
      eventTypes: ['flag.toggled'],
    });
    const off = await admin.webhooks.endpoints.update({ id: endpoint.id, enabled: false });
    expect(off).toMatchObject({ enabled: false, state: 'disabled', disabledReason: 'admin' });
    const before = receiver.received.length;
    await toggle('flag-off');
    await h.services.bus.drain();
    await h.services.webhooks.engine.whenIdle();
    expect(receiver.received.length).toBe(before);
    const on = await admin.webhooks.endpoints.update({ id: endpoint.id, enabled: true });
    expect(on).toMatchObject({
      enabled: true,
      state: 'healthy',
      disabledReason: null,
      consecutiveFailures: 0,
    });
    await admin.webhooks.endpoints.delete({ id: endpoint.id });
  });
});
