import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/webhook-receiver';

const PRODUCT = 'platform';
const S = 1000;

/**
 * Retries, failure accounting, the receiver's answers that change the schedule, and isolation between
 * endpoints. The clock is the harness's: advancing it and polling once stands in for waiting.
 */
describe('webhook delivery: retries and endpoint health', () => {
  let h: TestHarness;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>['caller'];
  let adminUserId: string;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    // A fixed draw keeps the jitter at its middle: retries come exactly 10 s, 60 s and 300 s later.
    h = await createTestHarness({ random: () => 0.5 });
    const signedIn = await h.signIn(['admin']);
    admin = signedIn.caller;
    adminUserId = signedIn.user.id;
  });
  afterAll(async () => {
    for (const r of receivers) await r.close();
    await h.close();
  });

  const receiver = async (opts: Parameters<typeof startWebhookReceiver>[0] = {}) => {
    const r = await startWebhookReceiver(opts);
    receivers.push(r);
    return r;
  };
  const settle = async () => {
    await h.services.bus.drain();
    await h.services.webhooks.engine.whenIdle();
  };
  const toggle = (flagId: string) =>
    h.services.bus.emit('flag.toggled', { flagId, enabled: true, percentage: 10 }, { productId: PRODUCT });
  /** Moves the clock and lets the poll take what fell due. */
  const after = async (ms: number) => {
    h.advance(ms);
    await h.services.webhooks.engine.pollOnce();
    await settle();
  };
  const mailsTo = async (template: string) =>
    (await h.services.delivery.list(PRODUCT, { userId: adminUserId, template })).items;

  it('retries after 10 s, 60 s and 300 s, then marks the endpoint failing and mails the admins', async () => {
    const r = await receiver({ answer: { status: 500, body: 'boom' } });
    const endpoint = await admin.webhooks.endpoints.create({ url: r.url, eventTypes: ['flag.toggled'] });
    const event = await toggle('retry-me');
    await settle();
    expect(r.received).toHaveLength(1);
    const first = await admin.webhooks.endpoints.getMessage({ id: endpoint.id, messageId: event.id });
    expect(first).toMatchObject({ status: 'retrying', attemptCount: 1, lastResponseCode: 500 });
    expect(Date.parse(first.nextAttemptAt ?? '')).toBe(h.clock() + 10 * S);

    await after(9 * S);
    expect(r.received).toHaveLength(1);
    await after(1 * S);
    expect(r.received).toHaveLength(2);
    await after(60 * S);
    expect(r.received).toHaveLength(3);
    await after(300 * S);
    expect(r.received).toHaveLength(4);
    // Every attempt carries the same webhook-id.
    expect(new Set(r.received.map((req) => req.headers['webhook-id']))).toEqual(new Set([event.id]));

    const last = await admin.webhooks.endpoints.getMessage({ id: endpoint.id, messageId: event.id });
    expect(last).toMatchObject({ status: 'failed', attemptCount: 4, nextAttemptAt: null });
    expect(last.attempts.map((a) => a.trigger)).toEqual(['scheduled', 'retry', 'retry', 'retry']);
    expect(last.attempts.every((a) => a.responseBody === 'boom' && a.error === 'HTTP 500')).toBe(true);
    const failing = await admin.webhooks.endpoints.get({ id: endpoint.id });
    expect(failing).toMatchObject({
      state: 'failing',
      enabled: true,
      consecutiveFailures: 1,
      lastError: 'HTTP 500',
    });
    expect(failing.health).toMatchObject({ level: 'red', attempts: 4, succeeded: 0 });
    await settle();
    const alerts = await mailsTo('webhook-endpoint-alert');
    expect(alerts).toHaveLength(1);

    // A success resets the count and the state.
    r.setAnswer({ status: 204 });
    await toggle('recovered');
    await settle();
    expect(await admin.webhooks.endpoints.get({ id: endpoint.id })).toMatchObject({
      state: 'healthy',
      consecutiveFailures: 0,
    });
    await admin.webhooks.endpoints.delete({ id: endpoint.id });
  });

  it('disables the endpoint after 10 failed messages in a row, and mails the admins again', async () => {
    const r = await receiver({ answer: { status: 502 } });
    const endpoint = await admin.webhooks.endpoints.create({ url: r.url, eventTypes: ['flag.toggled'] });
    const mailsBefore = (await mailsTo('webhook-endpoint-alert')).length;
    for (let i = 0; i < 10; i += 1) await toggle(`doomed-${i}`);
    await settle();
    // Four attempts each: the first, then 10 s, 60 s and 300 s later.
    for (const wait of [10 * S, 60 * S, 300 * S]) await after(wait);
    expect(r.received).toHaveLength(40);
    const disabled = await admin.webhooks.endpoints.get({ id: endpoint.id });
    expect(disabled).toMatchObject({
      enabled: false,
      state: 'disabled',
      disabledReason: 'consecutive_failures',
      consecutiveFailures: 10,
    });
    await settle();
    // One mail when it started failing, one when it was disabled.
    expect((await mailsTo('webhook-endpoint-alert')).length - mailsBefore).toBe(2);
    await toggle('after-disable');
    await settle();
    expect(r.received).toHaveLength(40);
    await admin.webhooks.endpoints.delete({ id: endpoint.id });
  });

  it('disables at once on 410 Gone', async () => {
    const r = await receiver({ answer: { status: 410 } });
    const endpoint = await admin.webhooks.endpoints.create({ url: r.url, eventTypes: ['flag.toggled'] });
    const event = await toggle('gone');
    await settle();
    expect(await admin.webhooks.endpoints.get({ id: endpoint.id })).toMatchObject({
      enabled: false,
      disabledReason: 'gone',
    });
    expect(await admin.webhooks.endpoints.getMessage({ id: endpoint.id, messageId: event.id })).toMatchObject(
      {
        status: 'failed',
        attemptCount: 1,
      },
    );
    await admin.webhooks.endpoints.delete({ id: endpoint.id });
  });

  it('does not follow a redirect: a 3xx is a failure that says so', async () => {
    const target = await receiver();
    const r = await receiver({ answer: { status: 302, headers: { location: `${target.url}/elsewhere` } } });
    const endpoint = await admin.webhooks.endpoints.create({ url: r.url, eventTypes: ['flag.toggled'] });
    const event = await toggle('redirected');
    await settle();
    const message = await admin.webhooks.endpoints.getMessage({ id: endpoint.id, messageId: event.id });
    expect(message).toMatchObject({ status: 'retrying', lastResponseCode: 302 });
    expect(message.lastError).toContain('not followed');
    expect(message.lastError).toContain(`${target.url}/elsewhere`);
    expect(target.received).toHaveLength(0);
    await admin.webhooks.endpoints.delete({ id: endpoint.id });
  });

  it("honours a 429's Retry-After instead of the schedule", async () => {
    const r = await receiver({ answer: { status: 429, headers: { 'retry-after': '120' } } });
    const endpoint = await admin.webhooks.endpoints.create({ url: r.url, eventTypes: ['flag.toggled'] });
    const event = await toggle('slow-down');
    await settle();
    const message = await admin.webhooks.endpoints.getMessage({ id: endpoint.id, messageId: event.id });
    expect(Date.parse(message.nextAttemptAt ?? '')).toBe(h.clock() + 120 * S);
    await after(60 * S);
    expect(r.received).toHaveLength(1);
    r.setAnswer({ status: 200 });
    await after(60 * S);
    expect(r.received).toHaveLength(2);
    await admin.webhooks.endpoints.delete({ id: endpoint.id });
  });

  it("keeps to an endpoint's rate limit, across the window", async () => {
    const r = await receiver();
    const endpoint = await admin.webhooks.endpoints.create({
      url: r.url,
      eventTypes: ['flag.toggled'],
      rateLimit: 2,
    });
    for (let i = 0; i < 5; i += 1) await toggle(`limited-${i}`);
    await settle();
    expect(r.received).toHaveLength(2);
    await after(1 * S);
    expect(r.received).toHaveLength(4);
    await after(1 * S);
    expect(r.received).toHaveLength(5);
    const log = await admin.webhooks.endpoints.listAttempts({ id: endpoint.id });
    // Held back by the limit is not an attempt.
    expect(log.items.map((m) => m.attemptCount)).toEqual([1, 1, 1, 1, 1]);
    await admin.webhooks.endpoints.delete({ id: endpoint.id });
  });
});

describe('webhook delivery: a stalled receiver beside a healthy one', () => {
  it('delivers every message to the healthy endpoint while the stalled one holds its attempts open', async () => {
    const h = await createTestHarness();
    const stalled = await startWebhookReceiver({ stall: true });
    const healthy = await startWebhookReceiver();
    try {
      const admin = (await h.signIn(['admin'])).caller;
      const slow = await admin.webhooks.endpoints.create({ url: stalled.url, eventTypes: ['flag.toggled'] });
      await admin.webhooks.endpoints.create({ url: healthy.url, eventTypes: ['flag.toggled'] });
      for (let i = 0; i < 30; i += 1) {
        await h.services.bus.emit(
          'flag.toggled',
          { flagId: `f${i}`, enabled: true, percentage: 1 },
          { productId: PRODUCT },
        );
      }
      await healthy.waitFor(30);
      // When the healthy receiver has all 30, not one attempt to the stalled receiver has ended (each waits
      // for its 5 s timeout): the healthy lane never waited for the stalled one.
      const slowLog = await admin.webhooks.endpoints.listAttempts({ id: slow.id, limit: 50 });
      expect(slowLog.items).toHaveLength(30);
      expect(slowLog.items.every((m) => m.attemptCount === 0 && m.status === 'pending')).toBe(true);
      // The stalled endpoint holds exactly its own lane's concurrency open.
      await stalled.waitFor(8);
      expect(stalled.received).toHaveLength(8);
    } finally {
      await stalled.close();
      await healthy.close();
      await h.close();
    }
  });
});
