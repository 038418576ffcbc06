import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFieldError, trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { eventsOf } from '../../testing/tracker';

type Signed = Awaited<ReturnType<TestHarness['signIn']>>;

describe('public roadmap', () => {
  let h: TestHarness;
  let admin: Signed;
  let alice: Signed;
  let bob: Signed;
  let anon: Awaited<ReturnType<TestHarness['anonymous']>>;
  const columnIds = async () => {
    const { columns } = await anon.roadmap.get();
    return {
      planned: columns.planned.map((i) => i.id),
      in_progress: columns.in_progress.map((i) => i.id),
      shipped: columns.shipped.map((i) => i.id),
    };
  };
  const allIds = async () => Object.values(await columnIds()).flat();

  beforeAll(async () => {
    h = await createTestHarness();
    admin = await h.signIn(['admin']);
    alice = await h.signIn(['user']);
    bob = await h.signIn(['user']);
    anon = await h.anonymous();
  });
  afterAll(async () => h.close());

  it('shows only public items, in the column their status maps to, with public title and text', async () => {
    const internal = await admin.caller.tracker.items.create({ kind: 'feature', title: 'Internal only' });
    const open = await admin.caller.tracker.items.create({
      kind: 'feature',
      title: 'Open idea',
      body: 'secret',
    });
    const doing = await admin.caller.tracker.items.create({ kind: 'task', title: 'Doing now' });
    const closed = await admin.caller.tracker.items.create({ kind: 'feature', title: 'Dropped' });
    for (const item of [open, doing, closed])
      await admin.caller.roadmap.updateItem({ id: item.id, public: true });
    await admin.caller.roadmap.updateItem({
      id: open.id,
      publicTitle: 'A public idea',
      publicBody: 'Said nicely',
    });
    await admin.caller.tracker.items.triage({ id: doing.id, status: 'in_progress' });
    await admin.caller.tracker.items.triage({ id: closed.id, status: 'closed' });

    const ids = await columnIds();
    expect(ids.planned).toContain(open.id);
    expect(ids.in_progress).toContain(doing.id);
    expect(await allIds()).not.toContain(internal.id);
    expect(await allIds()).not.toContain(closed.id);
    const shown = (await anon.roadmap.get()).columns.planned.find((i) => i.id === open.id);
    expect(shown).toMatchObject({ title: 'A public idea', body: 'Said nicely', status: 'planned' });
    expect(JSON.stringify(await anon.roadmap.get())).not.toContain('secret');

    expect((await trpcErrorOf(() => anon.roadmap.getItem({ id: internal.id }))).code).toBe('NOT_FOUND');
    expect((await trpcErrorOf(() => anon.roadmap.getItem({ id: closed.id }))).code).toBe('NOT_FOUND');
    await admin.caller.roadmap.updateItem({ id: open.id, public: false });
    expect(await allIds()).not.toContain(open.id);
  });

  it('keeps submissions private until approved, and tells the author why one was rejected', async () => {
    const wanted = await alice.caller.roadmap.createSubmission({ title: 'Export to PDF', body: 'Please' });
    const unwanted = await alice.caller.roadmap.createSubmission({ title: 'Make it free' });
    expect(wanted).toMatchObject({
      kind: 'feature',
      submissionState: 'pending',
      public: false,
      authorId: alice.user.id,
    });
    expect(await allIds()).not.toContain(wanted.id);
    expect((await trpcErrorOf(() => anon.roadmap.getItem({ id: wanted.id }))).code).toBe('NOT_FOUND');
    // A pending (or rejected) submission is made public only by approving it.
    const direct = await trpcErrorOf(() => admin.caller.roadmap.updateItem({ id: wanted.id, public: true }));
    expect(direct.code).toBe('CONFLICT');

    const queue = await admin.caller.roadmap.listSubmissions();
    expect(queue.items.map((i) => i.id)).toEqual(expect.arrayContaining([wanted.id, unwanted.id]));

    const approved = await admin.caller.roadmap.approve({
      id: wanted.id,
      status: 'in_progress',
      publicTitle: 'PDF export',
    });
    expect(approved).toMatchObject({ submissionState: 'approved', public: true, status: 'in_progress' });
    expect((await columnIds()).in_progress).toContain(wanted.id);
    const rejected = await admin.caller.roadmap.reject({
      id: unwanted.id,
      reason: 'Pricing is not on the roadmap',
    });
    expect(rejected).toMatchObject({ submissionState: 'rejected', public: false });
    expect(await allIds()).not.toContain(unwanted.id);
    expect(
      (await trpcErrorOf(() => admin.caller.roadmap.updateItem({ id: unwanted.id, public: true }))).code,
    ).toBe('CONFLICT');

    // Moderation happens once: a decided submission is not decided again.
    expect(
      (await trpcErrorOf(() => admin.caller.roadmap.reject({ id: wanted.id, reason: 'Changed mind' }))).code,
    ).toBe('CONFLICT');
    expect(
      (await trpcErrorOf(() => admin.caller.roadmap.approve({ id: unwanted.id, status: 'planned' }))).code,
    ).toBe('CONFLICT');
    const pendingIds = (await admin.caller.roadmap.listSubmissions()).items.map((i) => i.id);
    expect(pendingIds).not.toContain(wanted.id);
    expect(
      (await admin.caller.roadmap.listSubmissions({ state: 'rejected' })).items.map((i) => i.id),
    ).toContain(unwanted.id);

    const mine = await alice.caller.roadmap.listSubmissionsMine();
    expect(mine.items.find((s) => s.id === unwanted.id)).toMatchObject({
      submissionState: 'rejected',
      reason: 'Pricing is not on the roadmap',
      status: null,
    });
    expect(mine.items.find((s) => s.id === wanted.id)).toMatchObject({
      submissionState: 'approved',
      status: 'in_progress',
    });
    expect((await bob.caller.roadmap.listSubmissionsMine()).items).toEqual([]);

    const types = async (type: string) => (await eventsOf(h, type)).map((e) => e.data.itemId);
    expect(await types('roadmap.submitted')).toEqual(expect.arrayContaining([wanted.id, unwanted.id]));
    expect(await types('roadmap.approved')).toEqual([wanted.id]);
    expect(await types('roadmap.rejected')).toEqual([unwanted.id]);
    expect((await eventsOf(h, 'roadmap.rejected'))[0]?.data).toMatchObject({
      reason: 'Pricing is not on the roadmap',
    });
  });

  it('counts one vote per user; a flip takes it back; parallel double clicks never make two', async () => {
    const item = await admin.caller.tracker.items.create({ kind: 'feature', title: 'Vote for me' });
    await admin.caller.roadmap.updateItem({ id: item.id, public: true });
    expect(await alice.caller.roadmap.toggleVote({ itemId: item.id })).toEqual({
      itemId: item.id,
      voted: true,
      votes: 1,
    });
    expect(await alice.caller.roadmap.toggleVote({ itemId: item.id })).toEqual({
      itemId: item.id,
      voted: false,
      votes: 0,
    });

    // Ten "vote" requests at once from one user: one vote.
    await Promise.all(
      Array.from({ length: 10 }, () => bob.caller.roadmap.toggleVote({ itemId: item.id, voted: true })),
    );
    const votes = () => h.store.container('votes').count({ where: { targetId: { eq: item.id } } });
    expect(await votes()).toBe(1);
    expect((await anon.roadmap.getItem({ id: item.id })).votes).toBe(1);

    // Flips racing from one user: whatever order they land in, at most one vote and the count matches it.
    await Promise.all(Array.from({ length: 7 }, () => alice.caller.roadmap.toggleVote({ itemId: item.id })));
    const stored = await votes();
    expect([1, 2]).toContain(stored);
    expect((await anon.roadmap.getItem({ id: item.id })).votes).toBe(stored);

    // Many users flipping at once: the count is exactly the stored votes.
    const crowd: Signed[] = [];
    for (let i = 0; i < 12; i++) crowd.push(await h.signIn(['user']));
    await Promise.all(crowd.map((u) => u.caller.roadmap.toggleVote({ itemId: item.id })));
    expect(await votes()).toBe(stored + 12);
    expect((await anon.roadmap.getItem({ id: item.id })).votes).toBe(stored + 12);

    const hidden = await admin.caller.tracker.items.create({ kind: 'feature', title: 'Not public' });
    expect((await trpcErrorOf(() => bob.caller.roadmap.toggleVote({ itemId: hidden.id }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await trpcErrorOf(() => anon.roadmap.toggleVote({ itemId: item.id }))).code).toBe('UNAUTHORIZED');
  });

  it('shows public comments at once, never internal ones, and drops what an admin removes', async () => {
    const item = await admin.caller.tracker.items.create({ kind: 'feature', title: 'Talk about me' });
    await admin.caller.roadmap.updateItem({ id: item.id, public: true });
    await admin.caller.tracker.comments.create({ itemId: item.id, body: 'Internal: needs a spike' });
    const said = await alice.caller.roadmap.createComment({ itemId: item.id, body: 'Would love this' });
    expect(said).toMatchObject({ authorName: alice.user.name, body: 'Would love this' });
    h.advance(1000);
    const spam = await bob.caller.roadmap.createComment({ itemId: item.id, body: 'Buy cheap stuff' });

    let detail = await anon.roadmap.getItem({ id: item.id });
    expect(detail.comments.map((c) => c.body)).toEqual(['Would love this', 'Buy cheap stuff']);
    expect(detail.commentCount).toBe(2);
    await admin.caller.tracker.comments.moderate({ id: spam.id });
    detail = await anon.roadmap.getItem({ id: item.id });
    expect(detail.comments.map((c) => c.id)).toEqual([said.id]);
    expect(detail.commentCount).toBe(1);
    expect((await (await h.signIn(['admin'])).caller.tracker.items.get({ id: item.id })).commentCount).toBe(
      2,
    );

    const hidden = await admin.caller.tracker.items.create({ kind: 'feature', title: 'Hidden thread' });
    expect(
      (await trpcErrorOf(() => alice.caller.roadmap.createComment({ itemId: hidden.id, body: 'Hi' }))).code,
    ).toBe('NOT_FOUND');
  });

  it('links a shipped item to its published changelog entry', async () => {
    const item = await admin.caller.tracker.items.create({ kind: 'feature', title: 'Offline mode' });
    const entry = await admin.caller.changelog.create({
      version: '3.1.0',
      title: 'Offline at last',
      body: 'Works offline.',
      category: 'feature',
      platforms: ['ios'],
    });
    const missing = await trpcErrorOf(() =>
      admin.caller.roadmap.updateItem({ id: item.id, changelogEntryId: 'v9.9.9' }),
    );
    expect(missing.code).toBe('NOT_FOUND');
    await admin.caller.roadmap.updateItem({ id: item.id, public: true, changelogEntryId: entry.id });
    await admin.caller.tracker.items.triage({ id: item.id, status: 'done' });
    const shipped = () => anon.roadmap.get().then((r) => r.columns.shipped.find((i) => i.id === item.id));
    // A draft entry links nothing yet.
    expect((await shipped())?.shippedIn).toBeNull();
    await admin.caller.changelog.publish({ id: entry.id });
    expect((await shipped())?.shippedIn).toEqual({
      entryId: entry.id,
      version: '3.1.0',
      title: 'Offline at last',
    });
    const updates = await eventsOf(h, 'roadmap.item_updated');
    expect(updates.at(-1)?.data).toMatchObject({
      itemId: item.id,
      public: true,
      changes: ['public', 'changelogEntryId'],
    });
  });

  it('refuses bad input naming the field, and unknown products', async () => {
    await expectFieldError(() => alice.caller.roadmap.createSubmission({ title: 'x' }), 'title');
    await expectFieldError(() => admin.caller.roadmap.reject({ id: 'any', reason: '' }), 'reason');
    expect((await trpcErrorOf(() => anon.roadmap.get({ product: 'no-such-product' }))).code).toBe(
      'NOT_FOUND',
    );
  });
});
