import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFieldError } from '../../testing/expect-error';
import { startFakeSendgrid } from '../../testing/fake-sendgrid';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/webhook-receiver';

const PRODUCT = 'platform';
const API_KEY = 'SG.recovery-key';
const MINUTE = 60_000;

describe.each(['sqlite', 'cosmos'] as const)('recover since T across channels (%s)', (driver) => {
  let h: TestHarness;
  let sendgrid: Awaited<ReturnType<typeof startFakeSendgrid>>;
  let receiver: WebhookReceiver;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>['caller'];
  const probeSlots: (string | null)[] = [];

  beforeAll(async () => {
    sendgrid = await startFakeSendgrid({ apiKey: API_KEY });
    receiver = await startWebhookReceiver({ answer: { status: 500 } });
    h = await createTestHarness({
      driver,
      config: {
        webhooks: { maxRetries: 0, allowedCidrs: ['127.0.0.0/8'] },
        delivery: {
          email: {
            driver: 'sendgrid',
            sendgrid: { apiKey: API_KEY, apiBase: sendgrid.baseUrl, timeoutMs: 2000 },
          },
        },
      },
    });
    admin = (await h.signIn(['admin'])).caller;
    // A job of the product's whose missed slots are skipped (its policy), so a recovery is what runs them.
    h.services.jobRegistry.register({
      name: 'recovery-probe',
      cron: '* * * * *',
      productId: PRODUCT,
      missedRunPolicy: 'skip',
      run: async (ctx) => {
        probeSlots.push(ctx.slotAt);
        return { ran: 1 };
      },
    });
    await h.services.jobRunner.tick();
    await h.services.jobRunner.whenIdle();
  }, 60_000);
  afterAll(async () => {
    await h.close();
    await receiver.close();
    await sendgrid.close();
  });

  const settle = async () => {
    await h.services.bus.drain();
    await h.services.webhooks.engine.whenIdle();
    await h.services.jobRunner.whenIdle();
  };

  it('previews, then replays a failed webhook message, a failed mail and a skipped job slot, with progress', async () => {
    const since = new Date(h.clock()).toISOString();
    h.advance(MINUTE / 2);
    // The endpoint answers 500 and is given no retry: the message fails.
    const endpoint = await admin.webhooks.endpoints.create({
      url: receiver.url,
      eventTypes: ['flag.toggled'],
    });
    const event = await h.services.bus.emit(
      'flag.toggled',
      { flagId: 'recover-me', enabled: true, percentage: 10 },
      { productId: PRODUCT },
    );
    // SendGrid refuses this address outright (a permanent 400): the mail fails on its first attempt. Others,
    // such as the admins' alert about the failing endpoint, go.
    sendgrid.respondWith((req) =>
      JSON.stringify(req.body).includes('recover@example.com')
        ? { status: 400, body: { errors: [{ message: 'temporarily refused' }] } }
        : undefined,
    );
    const sent = await h.services.delivery.send(PRODUCT, {
      to: 'recover@example.com',
      template: 'verify-email',
      props: { verifyUrl: 'https://app.example.test/v', expiresInMinutes: 30 },
      category: 'security',
    });
    await settle();
    const deliveryId = sent.deliveries[0]?.id ?? '';
    expect((await h.services.delivery.get(PRODUCT, deliveryId)).status).toBe('failed');
    const [message] = (await admin.webhooks.listEventMessages({ eventId: event.id })).items;
    expect(message?.status).toBe('failed');
    // Nobody evaluated the schedule for five minutes: the probe's missed slots are skipped by its policy.
    h.advance(5 * MINUTE);
    await h.services.jobRunner.tick();
    await settle();
    const skipped = (await h.services.jobs.runs(PRODUCT, { jobName: 'recovery-probe', status: 'skipped' }))
      .items;
    expect(skipped).toHaveLength(1);
    const ranOnTime = probeSlots.length;

    const preview = await admin.events.previewRecovery({ since });
    expect(preview).toMatchObject({
      since,
      webhookMessages: 1,
      notifications: { failed: 1, held: 0 },
      endpoints: [{ endpointId: endpoint.id, url: receiver.url, messages: 1 }],
    });
    expect(preview.jobs).toContainEqual({ jobName: 'recovery-probe', slots: 1 });
    expect(preview.jobSlots).toBe(preview.jobs.reduce((sum, j) => sum + j.slots, 0));

    receiver.setAnswer({ status: 200 });
    sendgrid.respondWith(() => undefined);
    const before = receiver.received.length;
    const started = await admin.events.recover({ since });
    expect(started).toMatchObject({
      status: 'running',
      preview: {
        webhookMessages: preview.webhookMessages,
        notifications: preview.notifications,
        jobSlots: preview.jobSlots,
      },
    });
    await settle();
    await h.services.webhooks.engine.pollOnce();
    await settle();

    const done = await admin.events.getRecovery({ id: started.id });
    expect(done).toMatchObject({
      status: 'done',
      error: null,
      progress: {
        webhookMessages: { total: 1, done: 1 },
        notifications: { total: 1, done: 1 },
        jobSlots: { total: preview.jobSlots, done: preview.jobSlots, failed: 0 },
      },
    });
    expect(done.webhookRecoveryIds).toHaveLength(1);
    expect(receiver.received.slice(before).map((r) => r.headers['webhook-id'])).toEqual([event.id]);
    const mail = await h.services.delivery.get(PRODUCT, deliveryId);
    expect(mail.status).toBe('sent');
    expect(mail.timeline.map((t) => t.status)).toEqual(['queued', 'failed', 'queued', 'sent']);
    expect(probeSlots.slice(ranOnTime)).toEqual([skipped[0]?.slotAt]);
    const rerun = await admin.jobs.getRun({ id: skipped[0]?.id ?? '' });
    expect(rerun).toMatchObject({ status: 'succeeded', trigger: 'catch_up' });
    expect((await admin.events.listRecoveries()).items[0]?.id).toBe(started.id);

    // Nothing is left to recover; the request is in the audit log.
    expect(await admin.events.previewRecovery({ since })).toMatchObject({
      webhookMessages: 0,
      notifications: { failed: 0, held: 0 },
      jobSlots: 0,
    });
    const audit = await h.services.audit.list(PRODUCT, { action: 'events.recover' });
    expect(audit.items.map((e) => e.targetId)).toContain(started.id);
    await admin.webhooks.endpoints.delete({ id: endpoint.id });
  });

  it('refuses a since in the future or past what the logs keep, naming the field', async () => {
    await expectFieldError(
      () => admin.events.previewRecovery({ since: new Date(h.clock() + MINUTE).toISOString() }),
      'since',
    );
    await expectFieldError(
      () => admin.events.recover({ since: new Date(h.clock() - 91 * 24 * 60 * MINUTE).toISOString() }),
      'since',
    );
    await expectFieldError(() => admin.events.recover({ since: 'yesterday' }), 'since');
  });
});
