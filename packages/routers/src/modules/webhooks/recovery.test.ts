import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectTarget } from '../../lib/outbound';
import { expectFieldError } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/webhook-receiver';

const PRODUCT = 'platform';

describe('webhook recovery: resend, recover since T, replay an event', () => {
  let h: TestHarness;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>['caller'];
  let r: WebhookReceiver;

  beforeAll(async () => {
    h = await createTestHarness({ config: { webhooks: { maxRetries: 0, allowedCidrs: ['127.0.0.0/8'] } } });
    admin = (await h.signIn(['admin'])).caller;
    r = await startWebhookReceiver({ answer: { status: 500 } });
  });
  afterAll(async () => {
    await r.close();
    await h.close();
  });

  const settle = async () => {
    await h.services.bus.drain();
    await h.services.webhooks.engine.whenIdle();
  };
  const toggle = (flagId: string) =>
    h.services.bus.emit('flag.toggled', { flagId, enabled: false, percentage: 0 }, { productId: PRODUCT });

  it('recovers every message since T that did not succeed, in order, with progress', async () => {
    r.setAnswer((n) => ({ status: n % 4 === 0 ? 200 : 500 }));
    const endpoint = await admin.webhooks.endpoints.create({ url: r.url, eventTypes: ['flag.toggled'] });
    const early = await toggle('before-t');
    await settle();
    h.advance(60_000);
    const since = new Date(h.clock()).toISOString();
    const events = [];
    for (let i = 0; i < 12; i += 1) {
      h.advance(1000);
      events.push(await toggle(`missed-${i}`));
      await settle();
    }
    const log = await admin.webhooks.endpoints.listAttempts({ id: endpoint.id, limit: 100 });
    const failed = log.items
      .filter((m) => m.status === 'failed' && m.eventAt >= since)
      .map((m) => m.messageId);
    const succeeded = log.items.filter((m) => m.status === 'succeeded').map((m) => m.messageId);
    expect(failed.length).toBeGreaterThan(0);
    expect(succeeded.length).toBeGreaterThan(0);

    r.setAnswer({ status: 200 });
    const before = r.received.length;
    const recovery = await admin.webhooks.endpoints.recover({ id: endpoint.id, since });
    expect(recovery).toMatchObject({ status: 'running', scanned: 0, queued: 0 });
    await settle();
    await h.services.webhooks.engine.pollOnce();
    await settle();
    const done = await admin.webhooks.getRecovery({ id: recovery.id });
    expect(done).toMatchObject({ status: 'done', scanned: 12, queued: failed.length });
    const resent = r.received.slice(before).map((req) => String(req.headers['webhook-id']));
    // Exactly the failed ones since T, oldest first; not the one before T, not those that succeeded.
    const expectedOrder = events.map((e) => e.id).filter((id) => failed.includes(id));
    expect(resent).toEqual(expectedOrder);
    expect(resent).not.toContain(early.id);
    const after = await admin.webhooks.endpoints.listAttempts({
      id: endpoint.id,
      limit: 100,
      status: 'failed',
    });
    expect(after.items.filter((m) => m.eventAt >= since)).toEqual([]);
    const detail = await admin.webhooks.endpoints.getMessage({
      id: endpoint.id,
      messageId: expectedOrder[0] ?? '',
    });
    expect(detail.attempts.at(-1)).toMatchObject({ trigger: 'recover', succeeded: true });
    expect((await admin.webhooks.endpoints.listRecoveries({ id: endpoint.id })).items[0]?.id).toBe(
      recovery.id,
    );
    await expectFieldError(
      () =>
        admin.webhooks.endpoints.recover({
          id: endpoint.id,
          since: new Date(h.clock() + 60_000).toISOString(),
        }),
      'since',
    );
    await admin.webhooks.endpoints.delete({ id: endpoint.id });
  });

  it('resends one message with the same webhook-id, and replays an event to every endpoint now subscribed', async () => {
    r.setAnswer({ status: 200 });
    const first = await admin.webhooks.endpoints.create({
      url: `${r.url}/one`,
      eventTypes: ['flag.toggled'],
    });
    const event = await toggle('resend-me');
    await settle();
    const second = await admin.webhooks.endpoints.create({ url: `${r.url}/two`, eventTypes: ['flag.*'] });
    const before = r.received.length;
    expect(await admin.webhooks.resend({ id: event.id })).toEqual({ messageId: event.id, queued: 1 });
    await settle();
    expect(r.received.slice(before).map((req) => [req.path, req.headers['webhook-id']])).toEqual([
      ['/one', event.id],
    ]);
    const replayed = await admin.webhooks.replayEvent({ eventId: event.id });
    expect(replayed).toEqual({ messageId: event.id, queued: 2 });
    await settle();
    expect(
      r.received
        .slice(before + 1)
        .map((req) => req.path)
        .sort(),
    ).toEqual(['/one', '/two']);
    const messages = await admin.webhooks.listEventMessages({ eventId: event.id });
    expect(messages.items.map((m) => m.endpointId).sort()).toEqual([first.id, second.id].sort());
    const copy = await admin.webhooks.endpoints.getMessage({ id: first.id, messageId: event.id });
    expect(copy.attempts.map((a) => a.trigger)).toEqual(['scheduled', 'resend', 'resend']);
    await admin.webhooks.endpoints.delete({ id: first.id });
    await admin.webhooks.endpoints.delete({ id: second.id });
  });
});

describe('webhook SSRF guard in the module', () => {
  it('refuses private targets at creation and again at every attempt, never connecting', async () => {
    const answers = new Map<string, string>([
      ['hooks.example.com', '203.0.113.10'],
      ['internal.example.com', '10.1.2.3'],
      ['metadata.example.com', '169.254.169.254'],
    ]);
    const connects: ConnectTarget[] = [];
    const h = await createTestHarness({
      config: {
        webhooks: {
          allowedCidrs: [],
          resolve: async (host) => {
            const address = answers.get(host);
            if (!address) throw new Error(`no test answer for ${host}`);
            return [{ address, family: 4 }];
          },
          connect: (target) => {
            connects.push(target);
            throw new Error('test connector: no connection is made');
          },
        },
      },
    });
    try {
      const admin = (await h.signIn(['admin'])).caller;
      for (const url of [
        'https://internal.example.com/x',
        'https://metadata.example.com/latest',
        'http://127.0.0.1:9/x',
      ]) {
        const message = await expectFieldError(() => admin.webhooks.endpoints.create({ url }), 'url');
        expect(message).toMatch(/resolves to|not allowed/);
      }
      await expectFieldError(
        () => admin.webhooks.endpoints.create({ url: 'https://user:pw@hooks.example.com/' }),
        'url',
      );
      // 203.0.113.0/24 is a documentation range: refused too.
      await expectFieldError(
        () => admin.webhooks.endpoints.create({ url: 'https://hooks.example.com/' }),
        'url',
      );
      expect(connects).toEqual([]);

      // DNS changes after creation: the attempt resolves again and refuses before connecting.
      answers.set('rebind.example.com', '93.184.216.34');
      const endpoint = await admin.webhooks.endpoints.create({
        url: 'https://rebind.example.com/hook',
        eventTypes: ['flag.toggled'],
      });
      answers.set('rebind.example.com', '10.0.0.7');
      const event = await h.services.bus.emit(
        'flag.toggled',
        { flagId: 'x', enabled: true, percentage: 1 },
        { productId: PRODUCT },
      );
      await h.services.bus.drain();
      await h.services.webhooks.engine.whenIdle();
      const message = await admin.webhooks.endpoints.getMessage({ id: endpoint.id, messageId: event.id });
      expect(message).toMatchObject({ status: 'retrying', lastResponseCode: null });
      expect(message.lastError).toContain('10.0.0.7');
      expect(connects).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
