import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trpcErrorOf } from '../../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../../testing/harness';
import { eventsOf } from '../../../testing/tracker';
import { buildCommentTree, MAX_COMMENT_DEPTH } from './schema';

describe('tracker comments', () => {
  let h: TestHarness;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>;
  let alice: Awaited<ReturnType<TestHarness['signIn']>>;
  let bob: Awaited<ReturnType<TestHarness['signIn']>>;
  let itemId = '';
  beforeAll(async () => {
    h = await createTestHarness();
    admin = await h.signIn(['admin']);
    alice = await h.signIn(['user']);
    bob = await h.signIn(['user']);
    itemId = (await alice.caller.tracker.items.create({ kind: 'feature', title: 'Threads' })).id;
  });
  afterAll(async () => h.close());

  it('threads replies by parentId, counts them on the item and emits comment events', async () => {
    const root = await alice.caller.tracker.comments.create({ itemId, body: 'First' });
    h.advance(10);
    const reply = await bob.caller.tracker.comments.create({ itemId, parentId: root.id, body: 'Reply' });
    h.advance(10);
    const second = await bob.caller.tracker.comments.create({ itemId, body: 'Second root' });
    h.advance(10);
    const nested = await alice.caller.tracker.comments.create({ itemId, parentId: reply.id, body: 'Nested' });
    expect([root.depth, reply.depth, nested.depth]).toEqual([0, 1, 2]);
    expect(reply.parentId).toBe(root.id);

    const flat = await bob.caller.tracker.comments.list({ itemId });
    expect(flat.items.map((c) => c.id)).toEqual([root.id, reply.id, second.id, nested.id]);
    const tree = buildCommentTree(flat.items);
    expect(tree.map((n) => n.id)).toEqual([root.id, second.id]);
    expect(tree[0]?.replies[0]?.replies[0]?.id).toBe(nested.id);
    expect((await alice.caller.tracker.items.get({ id: itemId })).commentCount).toBe(4);

    await h.services.bus.drain();
    const created = (await eventsOf(h, 'tracker.comment_created')).filter((e) => e.data.itemId === itemId);
    expect(created).toHaveLength(4);
    expect(created.find((e) => e.data.commentId === reply.id)?.data).toMatchObject({ parentId: root.id });

    const page1 = await bob.caller.tracker.comments.list({ itemId, limit: 3 });
    const page2 = await bob.caller.tracker.comments.list({
      itemId,
      limit: 3,
      cursor: page1.nextCursor ?? '',
    });
    expect([...page1.items, ...page2.items].map((c) => c.id)).toEqual(flat.items.map((c) => c.id));
    expect(page2.nextCursor).toBeNull();
  });

  it(`refuses replies deeper than ${MAX_COMMENT_DEPTH} levels, naming parentId`, async () => {
    let parentId: string | undefined;
    for (let depth = 0; depth < MAX_COMMENT_DEPTH; depth++) {
      parentId = (
        await alice.caller.tracker.comments.create({
          itemId,
          body: `d${depth}`,
          ...(parentId ? { parentId } : {}),
        })
      ).id;
    }
    const deep = await trpcErrorOf(() =>
      alice.caller.tracker.comments.create({ itemId, parentId: parentId ?? '', body: 'too deep' }),
    );
    expect(deep.code).toBe('BAD_REQUEST');
    expect(JSON.stringify(deep.cause ?? deep)).toContain('parentId');
  });

  it('refuses a parent from another item, unknown items and bad bodies', async () => {
    const other = await bob.caller.tracker.items.create({ kind: 'bug', title: 'Elsewhere' });
    const foreign = await bob.caller.tracker.comments.create({ itemId: other.id, body: 'there' });
    expect(
      (
        await trpcErrorOf(() =>
          alice.caller.tracker.comments.create({ itemId, parentId: foreign.id, body: 'x' }),
        )
      ).code,
    ).toBe('NOT_FOUND');
    expect(
      (await trpcErrorOf(() => alice.caller.tracker.comments.create({ itemId: 'missing', body: 'x' }))).code,
    ).toBe('NOT_FOUND');
    const blank = await trpcErrorOf(() => alice.caller.tracker.comments.create({ itemId, body: '   ' }));
    expect(blank.code).toBe('BAD_REQUEST');
    expect(blank.message).toContain('body');
    expect(
      (await trpcErrorOf(() => (async () => (await h.anonymous()).tracker.comments.list({ itemId }))())).code,
    ).toBe('UNAUTHORIZED');
  });

  it('lets authors edit and soft-delete their own comments; the thread keeps its shape', async () => {
    const item = await alice.caller.tracker.items.create({ kind: 'task', title: 'Soft delete' });
    const parent = await alice.caller.tracker.comments.create({ itemId: item.id, body: 'parent' });
    h.advance(10);
    const child = await bob.caller.tracker.comments.create({
      itemId: item.id,
      parentId: parent.id,
      body: 'child',
    });
    h.advance(1000);
    const edited = await alice.caller.tracker.comments.update({ id: parent.id, body: 'parent (edited)' });
    expect(edited.editedAt).toBe(new Date(h.clock()).toISOString());
    expect(
      (await trpcErrorOf(() => bob.caller.tracker.comments.update({ id: parent.id, body: 'hijack' }))).code,
    ).toBe('FORBIDDEN');
    expect((await trpcErrorOf(() => bob.caller.tracker.comments.delete({ id: parent.id }))).code).toBe(
      'FORBIDDEN',
    );

    const gone = await alice.caller.tracker.comments.delete({ id: parent.id });
    expect(gone).toMatchObject({ body: '', deletedAt: new Date(h.clock()).toISOString() });
    const list = await bob.caller.tracker.comments.list({ itemId: item.id });
    expect(list.items.map((c) => c.id)).toEqual([parent.id, child.id]);
    expect(buildCommentTree(list.items)[0]?.replies.map((c) => c.id)).toEqual([child.id]);
    expect((await bob.caller.tracker.items.get({ id: item.id })).commentCount).toBe(1);
    expect(
      (await trpcErrorOf(() => alice.caller.tracker.comments.update({ id: parent.id, body: 'back' }))).code,
    ).toBe('CONFLICT');
    expect(
      (
        await trpcErrorOf(() =>
          bob.caller.tracker.comments.create({ itemId: item.id, parentId: parent.id, body: 'x' }),
        )
      ).code,
    ).toBe('CONFLICT');
    // Idempotent.
    expect((await alice.caller.tracker.comments.delete({ id: parent.id })).deletedAt).toBe(gone.deletedAt);

    expect((await trpcErrorOf(() => bob.caller.tracker.comments.moderate({ id: child.id }))).code).toBe(
      'FORBIDDEN',
    );
    const byAdmin = await admin.caller.tracker.comments.moderate({ id: child.id });
    expect(byAdmin).toMatchObject({ body: '', deletedAt: new Date(h.clock()).toISOString() });
    await h.services.bus.drain();
    const audited = await admin.caller.audit.list({ action: 'tracker.comments.moderate' });
    expect(audited.items[0]).toMatchObject({ targetType: 'tracker_comment', targetId: child.id });
    expect((await bob.caller.tracker.items.get({ id: item.id })).commentCount).toBe(0);
    await h.services.bus.drain();
    const deletions = (await eventsOf(h, 'tracker.comment_deleted')).filter((e) => e.data.itemId === item.id);
    expect(deletions.map((e) => e.data.byAdmin).sort()).toEqual([false, true]);
  });
});
