import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSendgrid } from '../../testing/fake-sendgrid';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/webhook-receiver';
import type { TTimelineEntry } from './schema';

/** The entry type of one kind (email and push share one shape). */
type EntryOf<K> = TTimelineEntry extends infer E
  ? E extends { kind: infer Kinds }
    ? K extends Kinds
      ? E
      : never
    : never
  : never;

const API_KEY = 'SG.timeline-key';
const MINUTE = 60_000;

describe.each(['sqlite', 'cosmos'] as const)('one timeline per event (%s)', (driver) => {
  let h: TestHarness;
  let sendgrid: Awaited<ReturnType<typeof startFakeSendgrid>>;
  let receiver: WebhookReceiver;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>;

  beforeAll(async () => {
    sendgrid = await startFakeSendgrid({ apiKey: API_KEY });
    receiver = await startWebhookReceiver({ answer: { status: 500 } });
    h = await createTestHarness({
      driver,
      config: {
        delivery: {
          email: {
            driver: 'sendgrid',
            sendgrid: { apiKey: API_KEY, apiBase: sendgrid.baseUrl, timeoutMs: 2000 },
          },
        },
      },
    });
    admin = await h.signIn(['admin'], { email: 'timeline-admin@example.com' });
  }, 60_000);
  afterAll(async () => {
    await h.close();
    await receiver.close();
    await sendgrid.close();
  });

  const settle = async () => {
    await h.services.bus.drain();
    await h.services.webhooks.engine.whenIdle();
  };

  it("tells a new user's story: the admin action, each subscriber, the webhook and its retry, the welcome mail", async () => {
    const endpoint = await admin.caller.webhooks.endpoints.create({
      url: receiver.url,
      eventTypes: ['user.*'],
    });
    const user = await admin.caller.users.create({
      email: 'told@example.com',
      name: 'Told Story',
      password: 'correct-horse-battery',
      roles: ['user'],
    });
    await settle();
    // The event of this user (the admin's own sign-up is one of the same type, at the same instant).
    const events = (await admin.caller.events.list({ type: 'user.created' })).items;
    const details = await Promise.all(events.map((e) => admin.caller.events.get({ id: e.id })));
    const event = details.find((e) => e.data.userId === user.id);
    expect(event).toBeDefined();
    const eventId = event?.id ?? '';
    // The receiver was down for the first attempt; ten minutes later the retry gets through.
    receiver.setAnswer({ status: 200 });
    h.advance(10 * MINUTE);
    await h.services.webhooks.engine.pollOnce();
    await settle();

    const { items, type } = await admin.caller.events.getTimeline({ id: eventId });
    expect(type).toBe('user.created');
    const t0 = event?.at ?? '';
    const later = new Date(Date.parse(t0) + 10 * MINUTE).toISOString();
    const of = <K extends TTimelineEntry['kind']>(kind: K) =>
      items.filter((i): i is EntryOf<K> => i.kind === kind);

    expect(of('audit')).toEqual([
      expect.objectContaining({
        at: t0,
        action: 'users.create',
        actorEmail: 'timeline-admin@example.com',
        relation: 'caused_by',
        href: expect.stringContaining('/audit?action=users.create'),
      }),
    ]);
    const subscribers = of('subscriber');
    expect(subscribers.map((s) => s.subscriber)).toEqual(
      expect.arrayContaining(['delivery.welcome', 'webhooks.fanout']),
    );
    expect(subscribers.every((s) => s.status === 'succeeded' && s.at === t0)).toBe(true);
    expect(of('webhook_message')).toEqual([
      expect.objectContaining({
        at: t0,
        endpointId: endpoint.id,
        messageId: eventId,
        status: 'succeeded',
        attemptCount: 2,
        href: `/ops/webhooks/${endpoint.id}/messages/${eventId}`,
      }),
    ]);
    expect(of('webhook_attempt').map((a) => [a.at, a.attempt, a.status, a.responseCode])).toEqual([
      [t0, 1, 'failed', 500],
      [later, 2, 'succeeded', 200],
    ]);
    const [mail] = of('email');
    expect(of('email')).toHaveLength(1);
    expect(mail).toMatchObject({
      at: t0,
      template: 'welcome',
      to: user.email,
      status: 'sent',
      provider: 'sendgrid',
      subscriber: 'delivery.welcome',
      href: `/ops/delivery/${mail?.deliveryId}`,
    });
    const detail = await admin.caller.delivery.get({ id: mail?.deliveryId ?? '' });
    expect(detail.causedBy).toEqual({ eventId, subscriber: 'delivery.welcome' });

    // Time order; within one instant: audit, subscribers, webhook message, its attempt, mail.
    expect(items.map((i) => i.at)).toEqual([...items.map((i) => i.at)].sort());
    expect(items.filter((i) => i.kind !== 'subscriber').map((i) => i.kind)).toEqual([
      'audit',
      'webhook_message',
      'webhook_attempt',
      'email',
      'webhook_attempt',
    ]);
    expect(items.at(-1)).toMatchObject({ kind: 'webhook_attempt', at: later });
    expect(items.slice(1, 1 + subscribers.length).every((i) => i.kind === 'subscriber')).toBe(true);
    await admin.caller.webhooks.endpoints.delete({ id: endpoint.id });
  });

  it('shows the job run a request started beside the event it staged', async () => {
    const recompute = await admin.caller.analytics.triggerRecompute({ from: '2026-05-01', to: '2026-05-02' });
    await h.services.jobRunner.whenIdle();
    await settle();
    const [event] = (await admin.caller.events.list({ type: 'analytics.recompute_requested' })).items;
    expect((await admin.caller.events.get({ id: event?.id ?? '' })).data).toMatchObject({
      from: recompute.from,
    });
    const { items } = await admin.caller.events.getTimeline({ id: event?.id ?? '' });
    const runs = items.filter((i) => i.kind === 'job_run');
    expect(runs).toEqual([
      expect.objectContaining({
        jobName: 'analytics-recompute',
        trigger: 'manual',
        status: 'succeeded',
        href: expect.stringMatching(/^\/ops\/jobs\/runs\/analytics-recompute%3Amanual%3A/),
      }),
    ]);
    const run = await admin.caller.jobs.getRun({ id: runs[0]?.kind === 'job_run' ? runs[0].runId : '' });
    expect(run.eventId).toBe(event?.id);
  });

  it('refuses an event of another product and an unknown one', async () => {
    await expect(admin.caller.events.getTimeline({ id: 'evt_nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      admin.caller.events.getTimeline({ id: 'evt_nope', productId: 'other-product' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
