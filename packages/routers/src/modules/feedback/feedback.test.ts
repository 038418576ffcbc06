import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFieldError, trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { clientEvent } from '../../testing/telemetry';
import { eventsOf } from '../../testing/tracker';
import type { TFeedbackCreateInput } from './schema';

type Signed = Awaited<ReturnType<TestHarness['signIn']>>;

const DEVICE = { model: 'iPhone 15', os: 'iOS 18.2', appVersion: '2.4.0', screen: 'Recorder' };
const bug = (over: Partial<TFeedbackCreateInput> = {}): TFeedbackCreateInput => ({
  type: 'bug_report',
  platform: 'ios',
  description: 'Recording stops when the phone locks',
  steps: ['Start a recording', 'Lock the phone', 'Unlock after a minute'],
  device: DEVICE,
  ...over,
});

/** Submissions from the apps: validation per type, the server's attachments, feature requests into the tracker. */
describe('feedback submission', () => {
  let h: TestHarness;
  let alice: Signed;
  let bob: Signed;
  let admin: Signed;
  beforeAll(async () => {
    h = await createTestHarness();
    alice = await h.signIn(['user']);
    bob = await h.signIn(['user']);
    admin = await h.signIn(['admin']);
  });
  afterAll(async () => h.close());

  it('refuses anonymous callers', async () => {
    const anon = await h.anonymous();
    expect((await trpcErrorOf(() => anon.feedback.create(bug()))).code).toBe('UNAUTHORIZED');
  });

  it('names the bad field: what a type requires, what it does not take, and out-of-range values', async () => {
    const send = (input: Record<string, unknown>) => () =>
      alice.caller.feedback.create(input as TFeedbackCreateInput);
    await expectFieldError(send({ type: 'bug_report', platform: 'ios', device: DEVICE }), 'description');
    await expectFieldError(send({ type: 'bug_report', platform: 'ios', description: 'x' }), 'device');
    await expectFieldError(send(bug({ device: { ...DEVICE, screen: '' } })), 'device.screen');
    await expectFieldError(send({ type: 'feature_request', platform: 'web' }), 'title');
    await expectFieldError(send({ type: 'feature_request', platform: 'web', title: 'ab' }), 'title');
    await expectFieldError(send({ type: 'nps_survey', platform: 'web' }), 'score');
    await expectFieldError(send({ type: 'nps_survey', platform: 'web', score: 11 }), 'score');
    await expectFieldError(send({ type: 'nps_survey', platform: 'web', score: -1 }), 'score');
    await expectFieldError(send({ type: 'nps_survey', platform: 'web', score: 7.5 }), 'score');
    await expectFieldError(send({ type: 'nps_survey', platform: 'web', score: 9, steps: ['a'] }), 'steps');
    await expectFieldError(send({ type: 'general', platform: 'web' }), 'message');
    await expectFieldError(send({ type: 'general', platform: 'tv', message: 'hi' }), 'platform');
    await expectFieldError(send({ type: 'praise', platform: 'web', message: 'hi' }), 'type');
    const nothingStored = await admin.caller.feedback.list({ userId: alice.user.id });
    expect(nothingStored.items).toEqual([]);
  });

  it("attaches the user's last 10 telemetry events to a bug report, newest first, and no one else's", async () => {
    const carol = await h.signIn(['user']);
    const start = h.clock();
    const events = Array.from({ length: 13 }, (_, i) =>
      clientEvent(h, {
        name: `screen.view.${i}`,
        at: new Date(start - (13 - i) * 60_000).toISOString(),
        ...(i === 12 ? { level: 'error' as const, message: 'Recorder crashed' } : {}),
      }),
    );
    await carol.caller.telemetry.ingest({ events });
    // Someone else's newer events stay out.
    await bob.caller.telemetry.ingest({ events: [clientEvent(h, { name: 'bob.only' })] });
    const sent = await carol.caller.feedback.create(bug());
    expect(sent).toMatchObject({ type: 'bug_report', status: 'new', userId: carol.user.id, device: DEVICE });
    expect(sent.telemetry.map((e) => e.name)).toEqual(
      Array.from({ length: 10 }, (_, i) => `screen.view.${12 - i}`),
    );
    expect(sent.telemetry[0]).toMatchObject({ level: 'error', message: 'Recorder crashed', platform: 'ios' });
    const stored = await admin.caller.feedback.get({ id: sent.id });
    expect(stored.telemetry).toEqual(sent.telemetry);
    expect(stored.steps).toEqual(bug().steps);

    // A user without telemetry gets an empty list, not an error.
    const dave = await h.signIn(['user']);
    expect((await dave.caller.feedback.create(bug())).telemetry).toEqual([]);
  });

  it('takes a screenshot uploaded through the signed blob flow, and refuses keys that are not the caller’s image', async () => {
    const upload = await alice.caller.blob.createUploadUrl({
      container: 'attachments',
      fileName: 'screen.png',
      contentType: 'image/png',
      size: 8,
    });
    await h.services.blob.put(
      'attachments',
      `platform/${upload.key}`,
      Buffer.from('\x89PNG\r\n\x1a\n', 'binary'),
      {
        contentType: 'image/png',
      },
    );
    const sent = await alice.caller.feedback.create(bug({ screenshot: { key: upload.key } }));
    expect(sent.screenshot).toEqual({ container: 'attachments', key: upload.key });
    const detail = await admin.caller.feedback.get({ id: sent.id });
    expect(detail.screenshotUrl).toContain(`/attachments/platform/${upload.key}?exp=`);

    // Not uploaded yet, someone else's, or not an image: each a 400 on screenshot.key.
    const pending = await alice.caller.blob.createUploadUrl({
      container: 'attachments',
      fileName: 'later.png',
      contentType: 'image/png',
      size: 8,
    });
    await expectFieldError(
      () => alice.caller.feedback.create(bug({ screenshot: { key: pending.key } })),
      'screenshot.key',
    );
    await expectFieldError(
      () => bob.caller.feedback.create(bug({ screenshot: { key: upload.key } })),
      'screenshot.key',
    );
    const pdfKey = `users/${alice.user.id}/report.pdf`;
    await h.services.blob.put('attachments', `platform/${pdfKey}`, 'pdf', { contentType: 'application/pdf' });
    await expectFieldError(
      () => alice.caller.feedback.create(bug({ screenshot: { key: pdfKey } })),
      'screenshot.key',
    );
  });

  it('opens a tracker item for a new feature request and votes for it; a matching request adds a vote', async () => {
    const first = await alice.caller.feedback.create({
      type: 'feature_request',
      platform: 'web',
      title: 'Dark mode',
      description: 'The editor is too bright at night.',
    });
    expect(first).toMatchObject({ status: 'converted', trackerAction: 'created' });
    const itemId = first.trackerItemId ?? '';
    const item = await admin.caller.tracker.items.get({ id: itemId });
    expect(item).toMatchObject({
      kind: 'feature',
      title: 'Dark mode',
      body: 'The editor is too bright at night.',
      authorId: alice.user.id,
      votes: 1,
      tags: ['feedback'],
    });

    // Same words once normalised (case, punctuation, filler, plural): a vote, not a new item.
    const second = await bob.caller.feedback.create({
      type: 'feature_request',
      platform: 'android',
      title: 'Please add a DARK mode!',
    });
    expect(second).toMatchObject({ trackerItemId: itemId, trackerAction: 'voted' });
    expect((await admin.caller.tracker.items.get({ id: itemId })).votes).toBe(2);

    // The same user asking again is still one vote.
    const again = await bob.caller.feedback.create({
      type: 'feature_request',
      platform: 'ios',
      title: 'dark modes',
    });
    expect(again.trackerItemId).toBe(itemId);
    expect((await admin.caller.tracker.items.get({ id: itemId })).votes).toBe(2);

    // A different request opens its own item.
    const other = await bob.caller.feedback.create({
      type: 'feature_request',
      platform: 'web',
      title: 'Export to PDF',
    });
    expect(other.trackerAction).toBe('created');
    expect(other.trackerItemId).not.toBe(itemId);
    const csv = await alice.caller.feedback.create({
      type: 'feature_request',
      platform: 'web',
      title: 'Export to CSV',
    });
    expect(csv.trackerItemId).not.toBe(other.trackerItemId);

    // A closed item is not matched: the request opens a new one.
    await admin.caller.tracker.items.triage({ id: itemId, status: 'closed' });
    const reopened = await alice.caller.feedback.create({
      type: 'feature_request',
      platform: 'web',
      title: 'Dark mode',
    });
    expect(reopened.trackerAction).toBe('created');
    expect(reopened.trackerItemId).not.toBe(itemId);
    expect((await admin.caller.tracker.items.get({ id: reopened.trackerItemId ?? '' })).votes).toBe(1);
  });

  it('matches items filed straight in the tracker too, and meets racing identical requests on one item', async () => {
    const filed = await admin.caller.tracker.items.create({
      kind: 'feature',
      title: 'Offline transcription',
    });
    const vote = await alice.caller.feedback.create({
      type: 'feature_request',
      platform: 'macos',
      title: 'offline transcriptions please',
    });
    expect(vote).toMatchObject({ trackerItemId: filed.id, trackerAction: 'voted' });

    const racers = [];
    for (let i = 0; i < 6; i++) racers.push(await h.signIn(['user']));
    const results = await Promise.all(
      racers.map((r) =>
        r.caller.feedback.create({ type: 'feature_request', platform: 'web', title: 'Calendar sync' }),
      ),
    );
    const ids = new Set(results.map((r) => r.trackerItemId));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    expect((await admin.caller.tracker.items.get({ id: id ?? '' })).votes).toBe(6);
  });

  it('records every submission with its event, committed with it', async () => {
    const note = await bob.caller.feedback.create({
      type: 'general',
      platform: 'linux',
      message: 'Love the app',
    });
    const nps = await bob.caller.feedback.create({
      type: 'nps_survey',
      platform: 'linux',
      score: 3,
      comment: 'Slow',
    });
    expect(nps).toMatchObject({ score: 3, segment: 'detractor', comment: 'Slow', status: 'new' });
    const submitted = await eventsOf(h, 'feedback.submitted');
    const byId = new Map(submitted.map((e) => [e.data.feedbackId, e]));
    expect(byId.get(note.id)).toMatchObject({
      actorId: bob.user.id,
      data: { type: 'general', platform: 'linux', userId: bob.user.id, score: null, trackerItemId: null },
    });
    expect(byId.get(nps.id)?.data).toMatchObject({ type: 'nps_survey', score: 3 });
    // Every stored entry has its event and no event lacks its entry.
    const all = await h.store.container<{ id: string; docType: string }>('feedback').query({
      where: { docType: { eq: 'feedback' } },
      limit: 1000,
    });
    expect(new Set(submitted.map((e) => e.data.feedbackId))).toEqual(new Set(all.items.map((d) => d.id)));
  });
});

/** Erasure: the entries of a deleted user go with them; aggregates that name nobody stay. */
describe('feedback erasure', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await createTestHarness();
  });
  afterAll(async () => h.close());

  it("deletes a deleted user's entries and screenshot, keeps others' entries and the NPS week counts", async () => {
    const dora = await h.signIn(['user']);
    const bob = await h.signIn(['user']);
    const admin = await h.signIn(['admin']);
    const upload = await dora.caller.blob.createUploadUrl({
      container: 'attachments',
      fileName: 'crash.png',
      contentType: 'image/png',
      size: 8,
    });
    const physical = `platform/${upload.key}`;
    await h.services.blob.put('attachments', physical, Buffer.from('\x89PNG\r\n\x1a\n', 'binary'), {
      contentType: 'image/png',
    });
    await dora.caller.feedback.create(bug({ screenshot: { key: upload.key } }));
    await dora.caller.feedback.create({ type: 'nps_survey', platform: 'web', score: 3 });
    const kept = await bob.caller.feedback.create({
      type: 'general',
      platform: 'web',
      message: 'Works well',
    });
    const npsBefore = await admin.caller.feedback.stats({});
    expect((await admin.caller.feedback.list({ userId: dora.user.id })).items).toHaveLength(2);

    await admin.caller.users.delete({ id: dora.user.id });
    await h.services.bus.drain();

    expect((await admin.caller.feedback.list({ userId: dora.user.id })).items).toEqual([]);
    expect(await h.services.blob.head('attachments', physical)).toBeUndefined();
    expect((await admin.caller.feedback.get({ id: kept.id })).message).toBe('Works well');
    expect(await admin.caller.feedback.stats({})).toEqual(npsBefore);
  });
});
