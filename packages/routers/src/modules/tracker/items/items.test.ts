import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trpcErrorOf } from '../../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../../testing/harness';
import { eventsOf } from '../../../testing/tracker';

describe('tracker items', () => {
  let h: TestHarness;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>;
  let alice: Awaited<ReturnType<TestHarness['signIn']>>;
  let bob: Awaited<ReturnType<TestHarness['signIn']>>;
  beforeAll(async () => {
    h = await createTestHarness();
    admin = await h.signIn(['admin']);
    alice = await h.signIn(['user']);
    bob = await h.signIn(['user']);
  });
  afterAll(async () => h.close());

  it('lets a signed-in user file an item and emits tracker.item_created', async () => {
    const item = await alice.caller.tracker.items.create({
      kind: 'bug',
      title: '  Crash on launch  ',
      body: '**Steps**: open the app',
      tags: ['iOS', 'ios', 'crash'],
    });
    expect(item).toMatchObject({
      kind: 'bug',
      title: 'Crash on launch',
      status: 'open',
      priority: 'medium',
      tags: ['ios', 'crash'],
      authorId: alice.user.id,
      votes: 0,
      commentCount: 0,
      productId: 'platform',
    });
    expect(await bob.caller.tracker.items.get({ id: item.id })).toEqual(item);
    await h.services.bus.drain();
    const [event] = (await eventsOf(h, 'tracker.item_created')).filter((e) => e.data.itemId === item.id);
    expect(event).toMatchObject({ actorId: alice.user.id, data: { kind: 'bug', authorId: alice.user.id } });
  });

  it('refuses anonymous callers and names bad fields', async () => {
    const anon = await h.anonymous();
    expect((await trpcErrorOf(() => anon.tracker.items.list())).code).toBe('UNAUTHORIZED');
    expect((await trpcErrorOf(() => anon.tracker.items.create({ kind: 'bug', title: 'abc' }))).code).toBe(
      'UNAUTHORIZED',
    );
    const tooLong = await trpcErrorOf(() =>
      alice.caller.tracker.items.create({ kind: 'task', title: 'ok title', body: 'x'.repeat(20_001) }),
    );
    expect(tooLong.code).toBe('BAD_REQUEST');
    expect(tooLong.message).toContain('body');
    const badKind = await trpcErrorOf(() =>
      alice.caller.tracker.items.create({ kind: 'epic' as 'bug', title: 'ok title' }),
    );
    expect(badKind.message).toContain('kind');
    const missing = await trpcErrorOf(() => alice.caller.tracker.items.get({ id: 'nope' }));
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('lets the author edit while open, never others, and admins always', async () => {
    const item = await alice.caller.tracker.items.create({ kind: 'feature', title: 'Dark mode' });
    h.advance(1000);
    const edited = await alice.caller.tracker.items.update({ id: item.id, body: 'Please', tags: ['ui'] });
    expect(edited).toMatchObject({ title: 'Dark mode', body: 'Please', tags: ['ui'] });
    expect(edited.updatedAt > item.updatedAt).toBe(true);
    expect(
      (await trpcErrorOf(() => bob.caller.tracker.items.update({ id: item.id, title: 'Mine' }))).code,
    ).toBe('FORBIDDEN');
    expect((await trpcErrorOf(() => alice.caller.tracker.items.update({ id: item.id }))).code).toBe(
      'BAD_REQUEST',
    );
    await admin.caller.tracker.items.triage({ id: item.id, status: 'planned' });
    const locked = await trpcErrorOf(() =>
      alice.caller.tracker.items.update({ id: item.id, title: 'Later' }),
    );
    expect(locked.code).toBe('CONFLICT');
    expect((await admin.caller.tracker.items.update({ id: item.id, title: 'Dark theme' })).title).toBe(
      'Dark theme',
    );
  });

  it('lets only admins triage; a status change is an event, a no-op is not', async () => {
    const item = await bob.caller.tracker.items.create({ kind: 'task', title: 'Docs' });
    expect(
      (await trpcErrorOf(() => bob.caller.tracker.items.triage({ id: item.id, status: 'done' }))).code,
    ).toBe('FORBIDDEN');
    h.advance(500);
    const triaged = await admin.caller.tracker.items.triage({
      id: item.id,
      status: 'in_progress',
      priority: 'high',
    });
    expect(triaged).toMatchObject({
      status: 'in_progress',
      priority: 'high',
      statusChangedAt: triaged.updatedAt,
    });
    await admin.caller.tracker.items.triage({ id: item.id, status: 'in_progress' });
    await admin.caller.tracker.items.triage({ id: item.id, priority: 'low' });
    await h.services.bus.drain();
    const changes = (await eventsOf(h, 'tracker.item_status_changed')).filter(
      (e) => e.data.itemId === item.id,
    );
    expect(changes.map((e) => e.data)).toEqual([
      { itemId: item.id, authorId: bob.user.id, from: 'open', to: 'in_progress' },
    ]);
    const empty = await trpcErrorOf(() => admin.caller.tracker.items.triage({ id: item.id }));
    expect(empty.code).toBe('BAD_REQUEST');
    await h.services.bus.drain();
    const audit = await admin.caller.audit.list({ action: 'tracker.items.triage', targetId: item.id });
    // The three accepted triages are recorded (a no-op is still an admin action); the refused empty one is not.
    expect(audit.items.map((a) => a.actorId)).toEqual([admin.user.id, admin.user.id, admin.user.id]);
  });

  it('commits each status change with its event, also when triage races votes on the item', async () => {
    const item = await bob.caller.tracker.items.create({ kind: 'feature', title: 'Race me' });
    const voters = await Promise.all([1, 2, 3, 4].map(() => h.signIn(['user'])));
    await Promise.all([
      ...voters.map((v) => v.caller.tracker.votes.vote({ itemId: item.id })),
      admin.caller.tracker.items.triage({ id: item.id, status: 'planned' }),
      admin.caller.tracker.items.triage({ id: item.id, status: 'in_progress' }),
    ]);
    const stored = await admin.caller.tracker.items.get({ id: item.id });
    expect(stored.votes).toBe(4);
    await h.services.bus.drain();
    // In emit order: a change that lost a race was staged again after the winner committed.
    const changes = (await eventsOf(h, 'tracker.item_status_changed'))
      .filter((e) => e.data.itemId === item.id)
      .map((e) => e.data as { from: string; to: string });
    // Each committed change reports the status it replaced: the events chain from 'open' to what is stored.
    expect(changes[0]?.from).toBe('open');
    for (let i = 1; i < changes.length; i++) expect(changes[i]?.from).toBe(changes[i - 1]?.to);
    expect(changes.at(-1)?.to).toBe(stored.status);
  });

  it('filters, sorts and pages on the server', async () => {
    const h2 = await createTestHarness();
    try {
      const u = await h2.signIn(['user']);
      const voters = await Promise.all([1, 2, 3].map(() => h2.signIn(['user'])));
      const made = [];
      for (const [i, kind] of (['bug', 'feature', 'bug', 'task', 'feature'] as const).entries()) {
        h2.advance(1000);
        made.push(
          await u.caller.tracker.items.create({ kind, title: `Item ${i}`, tags: i % 2 ? ['odd'] : [] }),
        );
      }
      const [a, b, c, d, e] = made.map((m) => m.id);
      for (const [n, id] of [
        [3, b],
        [1, d],
        [2, a],
      ] as const) {
        for (const v of voters.slice(0, n)) await v.caller.tracker.votes.vote({ itemId: id ?? '' });
      }
      h2.advance(1000);
      await u.caller.tracker.items.update({ id: a ?? '', body: 'touched' });
      const ids = async (input: Parameters<typeof u.caller.tracker.items.list>[0]) =>
        (await u.caller.tracker.items.list(input)).items.map((i) => i.id);
      expect(await ids({})).toEqual([e, d, c, b, a]);
      expect(await ids({ sort: 'votes' })).toEqual([b, a, d, e, c]);
      expect((await ids({ sort: 'updated' }))[0]).toBe(a);
      expect(await ids({ kind: 'bug' })).toEqual([c, a]);
      expect(await ids({ tag: 'odd' })).toEqual([d, b]);
      expect(await ids({ kind: 'feature', sort: 'votes' })).toEqual([b, e]);
      const first = await u.caller.tracker.items.list({ limit: 2, sort: 'votes' });
      const second = await u.caller.tracker.items.list({
        limit: 2,
        sort: 'votes',
        cursor: first.nextCursor ?? '',
      });
      const third = await u.caller.tracker.items.list({
        limit: 2,
        sort: 'votes',
        cursor: second.nextCursor ?? '',
      });
      expect([...first.items, ...second.items, ...third.items].map((i) => i.id)).toEqual([b, a, d, e, c]);
      expect(third.nextCursor).toBeNull();
    } finally {
      await h2.close();
    }
  });

  it('lets admins delete an item with its thread and votes', async () => {
    const item = await alice.caller.tracker.items.create({ kind: 'bug', title: 'Delete me' });
    await bob.caller.tracker.comments.create({ itemId: item.id, body: 'Same here' });
    await bob.caller.tracker.votes.vote({ itemId: item.id });
    expect((await trpcErrorOf(() => alice.caller.tracker.items.delete({ id: item.id }))).code).toBe(
      'FORBIDDEN',
    );
    expect(await admin.caller.tracker.items.delete({ id: item.id })).toEqual({ id: item.id, deleted: true });
    expect((await trpcErrorOf(() => alice.caller.tracker.items.get({ id: item.id }))).code).toBe('NOT_FOUND');
    expect(await h.store.container('comments').count({ where: { itemId: { eq: item.id } } })).toBe(0);
    expect(await h.store.container('votes').count({ where: { targetId: { eq: item.id } } })).toBe(0);
    expect((await trpcErrorOf(() => admin.caller.tracker.items.delete({ id: item.id }))).code).toBe(
      'NOT_FOUND',
    );
    await h.services.bus.drain();
    expect((await eventsOf(h, 'tracker.item_deleted')).map((e) => e.data.itemId)).toContain(item.id);
  });

  it('keeps products apart', async () => {
    const item = await alice.caller.tracker.items.create({ kind: 'bug', title: 'Platform only' });
    await (await h.root()).caller.products.create({ id: 'lysnr', name: 'Lysnr', status: 'active' });
    const other = await h.signIn(['admin'], { productId: 'lysnr' });
    expect((await trpcErrorOf(() => other.caller.tracker.items.get({ id: item.id }))).code).toBe('NOT_FOUND');
    expect((await other.caller.tracker.items.list()).items).toEqual([]);
  });
});
