import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { documentsHolding, tokenInMail } from '../../testing/mailbox';

const PRODUCT = 'platform';
const CONSOLE = 'http://127.0.0.1:3001';

/** Email subscribers: double opt-in, notices through delivery (read back from its log), one-click unsubscribe. */
describe('status subscribers', () => {
  let h: TestHarness;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>['caller'];
  let visitor: Awaited<ReturnType<TestHarness['anonymous']>>;

  beforeAll(async () => {
    h = await createTestHarness();
    admin = (await h.signIn(['admin'])).caller;
    visitor = await h.anonymous();
  });
  afterAll(async () => h.close());

  /** The mails the outbox holds for an address and template, oldest first, with their text. */
  const mailsTo = async (email: string, template: string) => {
    await h.services.bus.drain();
    const { items } = await h.services.delivery.list(PRODUCT, { email, template });
    const details = await Promise.all(items.map((item) => h.services.delivery.get(PRODUCT, item.id)));
    return details.reverse();
  };

  it('mails a confirmation link first and nothing else until it is used', async () => {
    expect(await visitor.status.subscribe({ email: 'Ada@Example.com' })).toEqual({ accepted: true });
    const [confirm, ...more] = await mailsTo('ada@example.com', 'status-subscription-confirm');
    expect(more).toEqual([]);
    expect(confirm).toMatchObject({ status: 'sent', transactional: true });
    const token = tokenInMail(confirm as { text: string | null }, `${CONSOLE}/status/confirm`);
    expect(token).toMatch(/^stc_/);
    // Only its hash is kept with the subscriber; the one copy is the outbox's mail itself.
    const holders = await documentsHolding(h.store, token);
    expect(holders).toEqual([`delivery_log/${confirm?.id}`]);
    expect(await admin.status.subscribers.stats()).toEqual({ active: 0, pending: 1, unsubscribed: 0 });

    // Not confirmed yet: an incident mails nobody.
    await admin.status.incidents.create({ title: 'Before confirming', message: 'Nobody hears of this.' });
    expect(await mailsTo('ada@example.com', 'status-notice')).toEqual([]);

    expect(await visitor.status.confirm({ token })).toEqual({ status: 'active', email: 'ada@example.com' });
    await expect(visitor.status.confirm({ token })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await admin.status.subscribers.stats()).toEqual({ active: 1, pending: 0, unsubscribed: 0 });
    // Subscribing a confirmed address again mails nothing (and says the same as ever).
    expect(await visitor.status.subscribe({ email: 'ada@example.com' })).toEqual({ accepted: true });
    expect(await mailsTo('ada@example.com', 'status-subscription-confirm')).toHaveLength(1);
  });

  it('mails notices of incidents and maintenance, and stops after the one-click unsubscribe', async () => {
    const incident = await admin.status.incidents.create({
      title: 'Push delays',
      message: 'Push notifications are delayed.',
      components: [{ id: 'push', impact: 'degraded_performance' }],
    });
    h.advance(60_000);
    await admin.status.incidents.createUpdate({
      id: incident.id,
      status: 'resolved',
      message: 'All caught up.',
    });
    // A postmortem posts no update: no mail.
    await admin.status.incidents.setPostmortem({ id: incident.id, postmortem: 'A slow provider.' });
    const notices = await mailsTo('ada@example.com', 'status-notice');
    expect(notices.map((mail) => mail.subject)).toEqual([
      '[Platform status] Push delays (Investigating)',
      '[Platform status] Push delays (Resolved)',
    ]);
    const text = notices[0]?.text ?? '';
    expect(text).toContain('Push notifications are delayed.');
    expect(text).toContain('Affected: Push notifications');
    expect(text).toContain(`${CONSOLE}/status`);

    h.advance(60_000);
    const start = new Date(h.clock() + 3_600_000).toISOString();
    await admin.status.maintenance.create({
      title: 'Database upgrade',
      message: 'Expect a short read-only period.',
      components: ['database'],
      scheduledStart: start,
      scheduledEnd: new Date(h.clock() + 7_200_000).toISOString(),
    });
    const all = await mailsTo('ada@example.com', 'status-notice');
    expect(all.at(-1)?.subject).toBe('[Platform status] Maintenance: Database upgrade (Scheduled)');
    expect(all.at(-1)?.text).toContain('Expect a short read-only period.');

    const token = tokenInMail(notices[1] as { text: string | null }, `${CONSOLE}/status/unsubscribe`);
    expect(await visitor.status.unsubscribe({ token })).toEqual({
      status: 'unsubscribed',
      email: 'ada@example.com',
    });
    expect(await visitor.status.unsubscribe({ token })).toMatchObject({ status: 'unsubscribed' });
    expect(await admin.status.subscribers.stats()).toEqual({ active: 0, pending: 0, unsubscribed: 1 });
    await admin.status.incidents.create({ title: 'After unsubscribing', message: 'Not mailed.' });
    expect(await mailsTo('ada@example.com', 'status-notice')).toHaveLength(all.length);
    await expect(visitor.status.unsubscribe({ token: 'stu_not-a-real-token' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('sends at most three confirmation mails a day to one address', async () => {
    for (let i = 0; i < 5; i += 1) await visitor.status.subscribe({ email: 'grace@example.com' });
    expect(await mailsTo('grace@example.com', 'status-subscription-confirm')).toHaveLength(3);
    h.advance(24 * 60 * 60 * 1000);
    await visitor.status.subscribe({ email: 'grace@example.com' });
    const mails = await mailsTo('grace@example.com', 'status-subscription-confirm');
    expect(mails).toHaveLength(4);
    // Only the latest link works; an expired one does not.
    const older = tokenInMail(mails[2] as { text: string | null }, `${CONSOLE}/status/confirm`);
    await expect(visitor.status.confirm({ token: older })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const latest = tokenInMail(mails[3] as { text: string | null }, `${CONSOLE}/status/confirm`);
    h.advance(49 * 60 * 60 * 1000);
    await expect(visitor.status.confirm({ token: latest })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
