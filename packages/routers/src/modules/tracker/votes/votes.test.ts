import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trpcErrorOf } from '../../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../../testing/harness';

describe('tracker votes', () => {
  let h: TestHarness;
  let alice: Awaited<ReturnType<TestHarness['signIn']>>;
  let bob: Awaited<ReturnType<TestHarness['signIn']>>;
  beforeAll(async () => {
    h = await createTestHarness();
    alice = await h.signIn(['user']);
    bob = await h.signIn(['user']);
  });
  afterAll(async () => h.close());

  it('counts one vote per user, idempotently, and takes it back', async () => {
    const { id: itemId } = await alice.caller.tracker.items.create({ kind: 'feature', title: 'Vote me' });
    expect(await bob.caller.tracker.votes.vote({ itemId })).toEqual({ itemId, voted: true, votes: 1 });
    expect(await bob.caller.tracker.votes.vote({ itemId })).toEqual({ itemId, voted: true, votes: 1 });
    expect(await alice.caller.tracker.votes.vote({ itemId })).toEqual({ itemId, voted: true, votes: 2 });
    expect(await bob.caller.tracker.votes.unvote({ itemId })).toEqual({ itemId, voted: false, votes: 1 });
    expect(await bob.caller.tracker.votes.unvote({ itemId })).toEqual({ itemId, voted: false, votes: 1 });
    expect((await bob.caller.tracker.items.get({ id: itemId })).votes).toBe(1);
    const stored = await h.store.container('votes').read(`${itemId}:${alice.user.id}`, 'platform');
    expect(stored).toMatchObject({ targetId: itemId, userId: alice.user.id });
  });

  it('keeps the count exact when many users vote and unvote at once', async () => {
    const { id: itemId } = await alice.caller.tracker.items.create({ kind: 'bug', title: 'Hot item' });
    const voters = [];
    for (let i = 0; i < 30; i++) voters.push(await h.signIn(['user']));
    const results = await Promise.all(voters.map((v) => v.caller.tracker.votes.vote({ itemId })));
    expect(results.map((r) => r.voted)).toEqual(Array.from({ length: 30 }, () => true));
    expect((await alice.caller.tracker.items.get({ id: itemId })).votes).toBe(30);

    // Half take it back while the other half vote again (no-ops) and new voters join.
    const newcomers = [];
    for (let i = 0; i < 10; i++) newcomers.push(await h.signIn(['user']));
    await Promise.all([
      ...voters.slice(0, 15).map((v) => v.caller.tracker.votes.unvote({ itemId })),
      ...voters.slice(15).map((v) => v.caller.tracker.votes.vote({ itemId })),
      ...newcomers.map((v) => v.caller.tracker.votes.vote({ itemId })),
    ]);
    expect((await alice.caller.tracker.items.get({ id: itemId })).votes).toBe(25);
    expect(await h.store.container('votes').count({ where: { targetId: { eq: itemId } } })).toBe(25);
  });

  it('lists my votes, optionally among given items, and refuses unknown items', async () => {
    const a = await alice.caller.tracker.items.create({ kind: 'task', title: 'A item' });
    const b = await alice.caller.tracker.items.create({ kind: 'task', title: 'B item' });
    const carol = await h.signIn(['user']);
    await carol.caller.tracker.votes.vote({ itemId: a.id });
    h.advance(1000);
    await carol.caller.tracker.votes.vote({ itemId: b.id });
    expect((await carol.caller.tracker.votes.listMine()).items.map((v) => v.itemId)).toEqual([b.id, a.id]);
    expect(
      (await carol.caller.tracker.votes.listMine({ itemIds: [a.id, 'other'] })).items.map((v) => v.itemId),
    ).toEqual([a.id]);
    expect((await trpcErrorOf(() => carol.caller.tracker.votes.vote({ itemId: 'missing' }))).code).toBe(
      'NOT_FOUND',
    );
    const anon = await h.anonymous();
    expect((await trpcErrorOf(() => anon.tracker.votes.vote({ itemId: a.id }))).code).toBe('UNAUTHORIZED');
  });
});
