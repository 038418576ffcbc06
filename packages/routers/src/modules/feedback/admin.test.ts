import type { PlatformEvent } from '@bytelyst/events/catalogue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFieldError, trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { eventsOf } from '../../testing/tracker';
import { DELIVERY_DEFAULTS } from '../delivery/config';
import { replyMailSubscriber } from './handlers';
import { createFeedbackRepository } from './repository';

type Signed = Awaited<ReturnType<TestHarness['signIn']>>;
const PRODUCT = 'platform';
const DAY = 24 * 60 * 60 * 1000;
const DEVICE = { model: 'Pixel 9', os: 'Android 15', appVersion: '2.4.0', screen: 'Settings' };

/** The admin inbox: filters and paging, convert, reply by mail, dismiss; each change audited and emitted. */
describe('feedback inbox', () => {
  let h: TestHarness;
  let ada: Signed;
  let ben: Signed;
  let admin: Signed;
  beforeAll(async () => {
    h = await createTestHarness();
    ada = await h.signIn(['user'], { email: 'ada@example.com' });
    ben = await h.signIn(['user']);
    admin = await h.signIn(['admin']);
  });
  afterAll(async () => h.close());

  const mailsTo = async (email: string) => {
    await h.services.bus.drain();
    const { items } = await h.services.delivery.list(PRODUCT, { email, template: 'feedback-reply' });
    return Promise.all(items.map((item) => h.services.delivery.get(PRODUCT, item.id)));
  };

  it('lists newest first with filters by type, platform, status, dates and NPS score, paged by cursor', async () => {
    const from = new Date(h.clock()).toISOString();
    const sent = [];
    for (let i = 0; i < 7; i++) {
      h.advance(DAY);
      sent.push(
        await ada.caller.feedback.create({
          type: 'nps_survey',
          platform: i % 2 ? 'ios' : 'android',
          score: i + 4,
        }),
      );
    }
    h.advance(DAY);
    const bugReport = await ben.caller.feedback.create({
      type: 'bug_report',
      platform: 'ios',
      description: 'Crash on settings',
      device: DEVICE,
    });
    const ids = (items: { id: string }[]) => items.map((f) => f.id);
    const all = await admin.caller.feedback.list({ from });
    expect(ids(all.items)).toEqual([bugReport.id, ...ids(sent).reverse()]);

    expect(ids((await admin.caller.feedback.list({ from, type: 'bug_report' })).items)).toEqual([
      bugReport.id,
    ]);
    const ios = await admin.caller.feedback.list({ from, platform: 'ios', type: 'nps_survey' });
    expect(ios.items.map((f) => f.score)).toEqual([9, 7, 5]);
    const promoters = await admin.caller.feedback.list({ from, scoreMin: 9 });
    expect(promoters.items.map((f) => f.score)).toEqual([10, 9]);
    const band = await admin.caller.feedback.list({ from, scoreMin: 5, scoreMax: 7 });
    expect(band.items.map((f) => f.score)).toEqual([7, 6, 5]);
    // Date range: day 2 to day 4 (end exclusive).
    const window = await admin.caller.feedback.list({
      from: new Date(Date.parse(from) + 2 * DAY).toISOString(),
      to: new Date(Date.parse(from) + 4 * DAY).toISOString(),
    });
    expect(window.items.map((f) => f.score)).toEqual([6, 5]);

    // Pages of 3 walk the whole list once, in order.
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await admin.caller.feedback.list({ from, limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...ids(page.items));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(seen).toEqual(ids(all.items));
    expect(pages).toBe(3);

    await expectFieldError(() => admin.caller.feedback.list({ scoreMin: 8, scoreMax: 3 }), 'scoreMax');
    await expectFieldError(() => admin.caller.feedback.list({ scoreMin: 11 }), 'scoreMin');
    await expectFieldError(() => admin.caller.feedback.list({ from: 'yesterday' }), 'from');
    await expectFieldError(() => admin.caller.feedback.list({ status: 'open' as 'new' }), 'status');
  });

  it('converts feedback into a tracker item authored by its sender, once; audited and emitted', async () => {
    const report = await ada.caller.feedback.create({
      type: 'bug_report',
      platform: 'android',
      description: 'Export button does nothing\nOn every note.',
      steps: ['Open a note', 'Tap export'],
      device: DEVICE,
    });
    const { feedback, item } = await admin.caller.feedback.convert({ id: report.id });
    expect(item).toMatchObject({ kind: 'bug', title: 'Export button does nothing', authorId: ada.user.id });
    expect(item.body).toContain('1. Open a note');
    expect(item.body).toContain('Device: Pixel 9, Android 15, app 2.4.0, screen Settings');
    expect(feedback).toMatchObject({
      status: 'converted',
      trackerItemId: item.id,
      trackerAction: 'converted',
    });
    expect((await admin.caller.tracker.items.get({ id: item.id })).title).toBe('Export button does nothing');
    expect((await admin.caller.feedback.list({ status: 'converted' })).items.map((f) => f.id)).toContain(
      report.id,
    );

    const again = await trpcErrorOf(() => admin.caller.feedback.convert({ id: report.id }));
    expect(again.code).toBe('CONFLICT');
    expect((await trpcErrorOf(() => admin.caller.feedback.convert({ id: 'missing' }))).code).toBe(
      'NOT_FOUND',
    );
    await expectFieldError(() => admin.caller.feedback.convert({ id: report.id, title: 'ab' }), 'title');

    const converted = await eventsOf(h, 'feedback.converted');
    expect(converted.filter((e) => e.data.feedbackId === report.id)).toEqual([
      expect.objectContaining({
        actorId: admin.user.id,
        data: { feedbackId: report.id, trackerItemId: item.id, kind: 'bug' },
      }),
    ]);
    const audit = await admin.caller.audit.list({ action: 'feedback.convert' });
    expect(audit.items.map((entry) => entry.targetId)).toContain(report.id);

    // A chosen kind and title win over the defaults.
    const note = await ben.caller.feedback.create({ type: 'general', platform: 'web', message: 'ok' });
    const task = await admin.caller.feedback.convert({
      id: note.id,
      kind: 'task',
      title: 'Follow up with Ben',
    });
    expect(task.item).toMatchObject({ kind: 'task', title: 'Follow up with Ben', authorId: ben.user.id });
    // Too short to be a title on its own: the type and id stand in.
    const short = await ben.caller.feedback.create({ type: 'general', platform: 'web', message: 'no' });
    expect((await admin.caller.feedback.convert({ id: short.id })).item.title).toBe(`Feedback ${short.id}`);
  });

  it('mails a reply through delivery to the sender, marks the entry replied, and sends nothing twice', async () => {
    const nps = await ada.caller.feedback.create({
      type: 'nps_survey',
      platform: 'ios',
      score: 4,
      comment: 'Sync loses my notes',
    });
    const replied = await admin.caller.feedback.reply({
      id: nps.id,
      message: 'Sorry about that. Version 2.4.1 fixes sync.\n\nThanks for telling us.',
    });
    expect(replied.status).toBe('replied');
    expect(replied.replies).toEqual([
      {
        id: expect.any(String),
        message: expect.stringContaining('2.4.1'),
        authorId: admin.user.id,
        at: expect.any(String),
      },
    ]);
    const [mail, ...more] = await mailsTo('ada@example.com');
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ status: 'sent', transactional: true, userId: ada.user.id });
    expect(mail?.subject).toBe('Re: your survey answer to Platform');
    expect(mail?.text).toContain('Sorry about that. Version 2.4.1 fixes sync.');
    expect(mail?.text).toContain('You wrote: Sync loses my notes');

    // Redelivering the event (a crash before it was acknowledged) does not mail again.
    const [event] = (await eventsOf(h, 'feedback.replied')).filter((e) => e.data.feedbackId === nps.id);
    expect(event).toMatchObject({ actorId: admin.user.id, data: { userId: ada.user.id } });
    if (!event) throw new Error('no feedback.replied event');
    const subscriber = replyMailSubscriber({
      repo: createFeedbackRepository(h.store),
      delivery: h.services.delivery,
      // The same link the module puts in, so the redelivery is the same request.
      appUrl: async (id) => (await h.services.products.get(id)).branding.appUrl ?? DELIVERY_DEFAULTS.appUrl,
    });
    await subscriber.handle(event as unknown as PlatformEvent<'feedback.replied'>, {
      attempt: 2,
      signal: new AbortController().signal,
      subscriber: subscriber.name,
      idempotencyKey: `${subscriber.name}:${event.id}`,
    });
    expect(await mailsTo('ada@example.com')).toHaveLength(1);

    // A second reply is a second mail, and the status stays replied.
    const second = await admin.caller.feedback.reply({ id: nps.id, message: 'It is out now.' });
    expect(second.replies).toHaveLength(2);
    expect((await mailsTo('ada@example.com')).map((m) => m?.text?.includes('It is out now.'))).toContain(
      true,
    );

    await expectFieldError(() => admin.caller.feedback.reply({ id: nps.id, message: '  ' }), 'message');
    expect((await trpcErrorOf(() => admin.caller.feedback.reply({ id: 'missing', message: 'x' }))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('dismisses with a reason; converted feedback cannot be dismissed; a repeat changes nothing', async () => {
    const note = await ben.caller.feedback.create({ type: 'general', platform: 'web', message: 'asdf' });
    const dismissed = await admin.caller.feedback.dismiss({ id: note.id, reason: 'Spam' });
    expect(dismissed).toMatchObject({ status: 'dismissed', dismissedReason: 'Spam' });
    expect((await admin.caller.feedback.dismiss({ id: note.id })).dismissedReason).toBe('Spam');
    expect((await eventsOf(h, 'feedback.dismissed')).filter((e) => e.data.feedbackId === note.id)).toEqual([
      expect.objectContaining({ data: { feedbackId: note.id, reason: 'Spam' } }),
    ]);
    const feature = await ben.caller.feedback.create({
      type: 'feature_request',
      platform: 'web',
      title: 'Tags on notes',
    });
    const refused = await trpcErrorOf(() => admin.caller.feedback.dismiss({ id: feature.id }));
    expect(refused.code).toBe('CONFLICT');
    // Dismissed feedback may still be converted, should it turn out to matter.
    expect((await admin.caller.feedback.convert({ id: note.id })).feedback.status).toBe('converted');
  });

  it('refuses every admin procedure to plain users and anonymous callers', async () => {
    const anon = await h.anonymous();
    const note = await ben.caller.feedback.create({ type: 'general', platform: 'web', message: 'hello' });
    const calls = (c: Signed['caller']) => [
      () => c.feedback.list({}),
      () => c.feedback.get({ id: note.id }),
      () => c.feedback.stats({}),
      () => c.feedback.convert({ id: note.id }),
      () => c.feedback.reply({ id: note.id, message: 'hi' }),
      () => c.feedback.dismiss({ id: note.id }),
    ];
    for (const call of calls(ben.caller)) expect((await trpcErrorOf(call)).code).toBe('FORBIDDEN');
    for (const call of calls(anon)) expect((await trpcErrorOf(call)).code).toBe('UNAUTHORIZED');
    expect((await admin.caller.feedback.get({ id: note.id })).status).toBe('new');
  });
});
