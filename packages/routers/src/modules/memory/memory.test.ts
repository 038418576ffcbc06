import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlan, subscribe } from '../../testing/billing';
import { expectFieldError, trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { eventsOf } from '../../testing/tracker';

type Signed = Awaited<ReturnType<TestHarness['signIn']>>;

const PNG = Buffer.from('\x89PNG\r\n\x1a\n', 'binary');

/** Uploads a file the way an app does: a signed upload URL for the caller, then the bytes at its key. */
const upload = async (h: TestHarness, who: Signed, fileName = 'photo.png') => {
  const signed = await who.caller.blob.createUploadUrl({
    container: 'attachments',
    fileName,
    contentType: 'image/png',
    size: PNG.length,
  });
  await h.services.blob.put('attachments', `platform/${signed.key}`, PNG, { contentType: 'image/png' });
  return { key: signed.key, physical: `platform/${signed.key}` };
};

describe('memory items', () => {
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

  it('refuses anonymous callers, and plain users the admin list and reassignment', async () => {
    const anon = await h.anonymous();
    expect((await trpcErrorOf(() => anon.memory.create({ text: 'x' }))).code).toBe('UNAUTHORIZED');
    expect((await trpcErrorOf(() => alice.caller.memory.list({}))).code).toBe('FORBIDDEN');
    const item = await alice.caller.memory.create({ text: 'Mine alone' });
    const refused = await trpcErrorOf(() =>
      alice.caller.memory.reassign({ id: item.id, userId: bob.user.id }),
    );
    expect(refused.code).toBe('FORBIDDEN');
    expect((await alice.caller.memory.get({ id: item.id })).userId).toBe(alice.user.id);
  });

  it('names the bad field and stores nothing', async () => {
    const carol = await h.signIn(['user']);
    await expectFieldError(() => carol.caller.memory.create({ text: '   ' }), 'text');
    await expectFieldError(() => carol.caller.memory.create({ text: 'x'.repeat(20_001) }), 'text');
    await expectFieldError(() => carol.caller.memory.create({ text: 'ok', tags: ['no/slash'] }), 'tags.0');
    await expectFieldError(() => carol.caller.memory.create({ text: 'ok', source: 'Voice Note' }), 'source');
    await expectFieldError(
      () => carol.caller.memory.create({ text: 'ok', attachment: { key: `users/${bob.user.id}/x.png` } }),
      'attachment.key',
    );
    await expectFieldError(
      () =>
        carol.caller.memory.create({ text: 'ok', attachment: { key: `users/${carol.user.id}/none.png` } }),
      'attachment.key',
    );
    expect((await carol.caller.memory.listMine({})).items).toEqual([]);
  });

  it("lists the caller's own items newest first, filtered by tag, words and source; others' answer 404", async () => {
    const dana = await h.signIn(['user']);
    const first = await dana.caller.memory.create({
      text: 'Call the Dentist on Monday',
      tags: ['todo', 'Health'],
    });
    h.advance(1000);
    const second = await dana.caller.memory.create({ text: 'Idea: a garden journal', source: 'voice_note' });
    h.advance(1000);
    const third = await dana.caller.memory.create({ text: 'Dentist said floss more', tags: ['health'] });
    h.advance(1000);
    const bobs = await bob.caller.memory.create({ text: 'Dentist appointment (bob)', tags: ['health'] });

    const ids = async (input: Parameters<typeof dana.caller.memory.listMine>[0]) =>
      (await dana.caller.memory.listMine(input)).items.map((i) => i.id);
    expect(await ids({})).toEqual([third.id, second.id, first.id]);
    expect(first.tags).toEqual(['todo', 'health']);
    expect(await ids({ tag: 'health' })).toEqual([third.id, first.id]);
    expect(await ids({ q: 'dentist' })).toEqual([third.id, first.id]);
    expect(await ids({ source: 'voice_note' })).toEqual([second.id]);
    const paged = await dana.caller.memory.listMine({ limit: 2 });
    expect(paged.items.map((i) => i.id)).toEqual([third.id, second.id]);
    const rest = await dana.caller.memory.listMine({ limit: 2, cursor: paged.nextCursor ?? '' });
    expect(rest.items.map((i) => i.id)).toEqual([first.id]);

    expect((await trpcErrorOf(() => bob.caller.memory.get({ id: first.id }))).code).toBe('NOT_FOUND');
    expect((await trpcErrorOf(() => bob.caller.memory.update({ id: first.id, text: 'mine' }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await trpcErrorOf(() => bob.caller.memory.delete({ id: first.id }))).code).toBe('NOT_FOUND');
    const all = await admin.caller.memory.list({ q: 'dentist', tag: 'health' });
    expect(all.items.map((i) => i.id)).toEqual([bobs.id, third.id, first.id]);
    expect((await admin.caller.memory.list({ userId: dana.user.id })).items).toHaveLength(3);
  });

  it('commits each change with its event; patch changes only what it names', async () => {
    const item = await alice.caller.memory.create({
      text: 'Buy milk',
      tags: ['errands'],
      source: 'web_clip',
    });
    const created = (await eventsOf(h, 'memory.created')).find((e) => e.data.itemId === item.id);
    expect(created?.data).toEqual({
      itemId: item.id,
      userId: alice.user.id,
      source: 'web_clip',
      tags: ['errands'],
      hasAttachment: false,
    });
    h.advance(5000);
    const patched = await alice.caller.memory.update({ id: item.id, tags: ['errands', 'today'] });
    expect(patched).toMatchObject({ text: 'Buy milk', tags: ['errands', 'today'], source: 'web_clip' });
    expect(patched.updatedAt > item.updatedAt).toBe(true);
    const updated = (await eventsOf(h, 'memory.updated')).filter((e) => e.data.itemId === item.id);
    expect(updated.map((e) => e.data.fields)).toEqual([['tags']]);
    // An edit that changes nothing writes nothing.
    await alice.caller.memory.update({ id: item.id, text: 'Buy milk' });
    expect((await eventsOf(h, 'memory.updated')).filter((e) => e.data.itemId === item.id)).toHaveLength(1);
    const byAdmin = await admin.caller.memory.update({ id: item.id, text: 'Buy oat milk' });
    expect(byAdmin.text).toBe('Buy oat milk');
  });

  it('keeps an uploaded file with the item, signs its link, and deletes it when replaced, removed or deleted', async () => {
    const one = await upload(h, alice, 'one.png');
    const item = await alice.caller.memory.create({ text: 'Whiteboard', attachment: { key: one.key } });
    expect(item.attachment).toEqual({
      container: 'attachments',
      key: one.key,
      contentType: 'image/png',
      size: 8,
    });
    const detail = await alice.caller.memory.get({ id: item.id });
    expect(detail.attachmentUrl).toContain(`/attachments/${one.physical}?exp=`);

    const two = await upload(h, alice, 'two.png');
    await alice.caller.memory.update({ id: item.id, attachment: { key: two.key } });
    await h.services.bus.drain();
    expect(await h.services.blob.head('attachments', one.physical)).toBeUndefined();
    expect(await h.services.blob.head('attachments', two.physical)).toBeDefined();

    await alice.caller.memory.update({ id: item.id, attachment: null });
    await h.services.bus.drain();
    expect(await h.services.blob.head('attachments', two.physical)).toBeUndefined();

    const three = await upload(h, alice, 'three.png');
    const other = await alice.caller.memory.create({ text: 'Receipt', attachment: { key: three.key } });
    expect(await alice.caller.memory.delete({ id: other.id })).toEqual({ deleted: true });
    await h.services.bus.drain();
    expect(await h.services.blob.head('attachments', three.physical)).toBeUndefined();
    expect((await trpcErrorOf(() => alice.caller.memory.get({ id: other.id }))).code).toBe('NOT_FOUND');
    const deleted = (await eventsOf(h, 'memory.deleted')).find((e) => e.data.itemId === other.id);
    expect(deleted?.data).toEqual({
      itemId: other.id,
      userId: alice.user.id,
      reason: 'owner',
      attachmentKey: three.key,
    });
  });

  it('reassigns to another user of the same product, with its file readable by the new owner', async () => {
    const file = await upload(h, alice, 'scan.png');
    const item = await alice.caller.memory.create({ text: 'Shared notes', attachment: { key: file.key } });
    await expectFieldError(() => admin.caller.memory.reassign({ id: item.id, userId: 'nobody' }), 'userId');
    await h.services.products.create(
      { id: 'mindlyst', name: 'MindLyst', description: '', status: 'active' },
      'test',
    );
    const elsewhere = await h.signIn(['user'], { productId: 'mindlyst' });
    await expectFieldError(
      () => admin.caller.memory.reassign({ id: item.id, userId: elsewhere.user.id }),
      'userId',
    );
    const moved = await admin.caller.memory.reassign({ id: item.id, userId: bob.user.id });
    expect(moved.userId).toBe(bob.user.id);
    expect(moved.reassignedFrom).toMatchObject({ userId: alice.user.id, by: admin.user.id });
    expect((await trpcErrorOf(() => alice.caller.memory.get({ id: item.id }))).code).toBe('NOT_FOUND');
    const asBob = await bob.caller.memory.get({ id: item.id });
    expect(asBob.attachmentUrl).toContain(`/attachments/${file.physical}?exp=`);
    expect((await bob.caller.memory.listMine({ q: 'shared' })).items.map((i) => i.id)).toEqual([item.id]);
    const events = (await eventsOf(h, 'memory.reassigned')).filter((e) => e.data.itemId === item.id);
    expect(events.map((e) => e.data)).toEqual([
      { itemId: item.id, fromUserId: alice.user.id, toUserId: bob.user.id },
    ]);
    expect(
      (await trpcErrorOf(() => admin.caller.memory.reassign({ id: 'missing', userId: bob.user.id }))).code,
    ).toBe('NOT_FOUND');
  });

  it("counts items under the memory_items usage metric and refuses one past the plan's quota", async () => {
    await createPlan(h, 'notes-2', { quotas: { memory_items: { limit: 2, period: 'month' } } });
    const erin = await h.signIn(['user']);
    await subscribe(h, erin.user.id, 'notes-2');
    await erin.caller.memory.create({ text: 'one' });
    await erin.caller.memory.create({ text: 'two' });
    await h.services.bus.drain();
    const usage = await erin.caller.usage.getMine();
    expect(usage.metrics.find((u) => u.metric === 'memory_items')).toMatchObject({ used: 2, limit: 2 });
    const refused = await trpcErrorOf(() => erin.caller.memory.create({ text: 'three' }));
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toContain('quota');
    expect((await erin.caller.memory.listMine({})).items).toHaveLength(2);
  });

  it("deletes a deleted user's items and files, and leaves everyone else's", async () => {
    const fred = await h.signIn(['user']);
    const file = await upload(h, fred, 'fred.png');
    await fred.caller.memory.create({ text: 'Fred one', attachment: { key: file.key } });
    await fred.caller.memory.create({ text: 'Fred two' });
    const kept = await bob.caller.memory.create({ text: 'Bob keeps this' });
    await admin.caller.users.delete({ id: fred.user.id });
    await h.services.bus.drain();
    expect((await admin.caller.memory.list({ userId: fred.user.id })).items).toEqual([]);
    expect(await h.services.blob.head('attachments', file.physical)).toBeUndefined();
    expect((await bob.caller.memory.get({ id: kept.id })).text).toBe('Bob keeps this');
    const erased = (await eventsOf(h, 'memory.deleted')).filter((e) => e.data.userId === fred.user.id);
    expect(erased.map((e) => e.data.reason)).toEqual(['user_deleted', 'user_deleted']);
  });

  it('is found by admin search while it exists, under its new owner once reassigned', async () => {
    const item = await alice.caller.memory.create({ text: 'Quokka sightings on Rottnest', tags: ['travel'] });
    await h.services.bus.drain();
    const hits = async () => (await admin.caller.search.query({ q: 'quokka', types: ['memory'] })).items;
    expect((await hits()).map((hit) => [hit.id, hit.ref.userId])).toEqual([[item.id, alice.user.id]]);
    await admin.caller.memory.reassign({ id: item.id, userId: bob.user.id });
    await h.services.bus.drain();
    expect((await hits()).map((hit) => [hit.id, hit.ref.userId])).toEqual([[item.id, bob.user.id]]);
    await bob.caller.memory.delete({ id: item.id });
    await h.services.bus.drain();
    expect(await hits()).toEqual([]);
  });
});
