import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, TEST_PASSWORD, type TestHarness } from '../../testing/harness';
import { SEARCH_CONTAINERS } from './containers';

type Admin = Awaited<ReturnType<TestHarness['signIn']>>;

/** The index follows the records through the bus, forgets erased users, and a rebuild reproduces it. */
describe.each(['sqlite', 'cosmos'] as const)('search index on %s', (driver) => {
  let h: TestHarness;
  let admin: Admin;
  const PRODUCT = 'prod-s';
  const find = async (q: string) =>
    (await admin.caller.search.query({ q, limit: 20 })).items.map((hit) => `${hit.type}:${hit.id}`);
  /** Runs what the bus has to deliver, the sequential streams (users, items, feedback) included. */
  const settle = async () => {
    await h.services.bus.drain();
    await h.services.bus.pollStreams();
    await h.services.bus.drain();
  };

  beforeAll(async () => {
    h = await createTestHarness({ driver });
    const { caller: root } = await h.root();
    await root.products.create({ id: PRODUCT, name: 'S', status: 'active' });
    admin = await h.signIn(['admin'], { productId: PRODUCT, email: 'searcher@corp.test' });
  }, 60_000);
  afterAll(async () => h.close(), 60_000);

  it('adds, edits and removes tracker items as their events arrive', async () => {
    const item = await admin.caller.tracker.items.create({ kind: 'task', title: 'Quantum flux capacitor' });
    await settle();
    expect(await find('quantum')).toEqual([`tracker_item:${item.id}`]);
    await admin.caller.tracker.items.update({ id: item.id, title: 'Quantum tunnel' });
    await settle();
    expect(await find('capacitor')).toEqual([]);
    expect(await find('tunnel')).toEqual([`tracker_item:${item.id}`]);
    await admin.caller.tracker.items.delete({ id: item.id });
    await settle();
    expect(await find('quantum')).toEqual([]);
  });

  it('indexes changelog entries by version, title and body, drafts included, and drops deleted ones', async () => {
    const entry = await admin.caller.changelog.create({
      version: '3.1.0',
      title: 'Offline transcription',
      body: 'Dictate on a plane: the **hyperdrive** engine now runs on the device.',
      category: 'feature',
      platforms: ['ios'],
    });
    await settle();
    expect(await find('hyperdrive')).toEqual([`changelog:${entry.id}`]);
    const [hit] = (await admin.caller.search.query({ q: '3.1.0', types: ['changelog'] })).items;
    expect(hit).toMatchObject({
      id: entry.id,
      title: '3.1.0 · Offline transcription',
      subtitle: 'feature · draft',
    });
    await admin.caller.changelog.publish({ id: entry.id });
    await admin.caller.changelog.update({ id: entry.id, body: 'Dictate on a plane with the warp engine.' });
    await settle();
    expect(await find('hyperdrive')).toEqual([]);
    expect((await admin.caller.search.query({ q: 'warp', types: ['changelog'] })).items).toMatchObject([
      { id: entry.id, subtitle: 'feature · published' },
    ]);
    await admin.caller.changelog.unpublish({ id: entry.id });
    await admin.caller.changelog.delete({ id: entry.id });
    await settle();
    expect(await find('warp')).toEqual([]);
  });

  it('follows users through their changes, and indexes the audit entries admins leave', async () => {
    const grace = await admin.caller.users.create({
      email: 'grace.hopper@navy.test',
      name: 'Grace Hopper',
      password: TEST_PASSWORD,
      roles: ['user'],
    });
    await settle();
    expect(await find('hopper')).toEqual([`user:${grace.id}`]);
    await admin.caller.users.disable({ id: grace.id });
    await settle();
    const [hit] = (await admin.caller.search.query({ q: 'grace.hopper@navy.test' })).items;
    expect(hit).toMatchObject({ id: grace.id, exact: true, subtitle: 'grace.hopper@navy.test · disabled' });
    const audit = (await admin.caller.search.query({ q: 'users.disable', types: ['audit'] })).items;
    expect(audit).toHaveLength(1);
    expect(audit[0]?.ref).toMatchObject({
      action: 'users.disable',
      targetId: grace.id,
      actorId: admin.user.id,
    });
    expect(audit[0]?.titleHtml).toBe('<mark>users</mark>.<mark>disable</mark>');
    expect(audit[0]?.subtitle).toBe(`searcher@corp.test → user ${grace.id}`);
  });

  it("erases a deleted user's account and private feedback, and keeps their public tracker items", async () => {
    const leaving = await h.signIn(['user'], { productId: PRODUCT, email: 'zeppelin.fan@air.test' });
    await leaving.caller.feedback.create({
      type: 'general',
      platform: 'web',
      message: 'The zeppelin view is slow',
    });
    const item = await leaving.caller.tracker.items.create({ kind: 'feature', title: 'Zeppelin mode' });
    await settle();
    const before = await find('zeppelin');
    expect(before).toContain(`user:${leaving.user.id}`);
    expect(before).toContain(`tracker_item:${item.id}`);
    expect(before.filter((id) => id.startsWith('feedback:'))).toHaveLength(1);

    await admin.caller.users.delete({ id: leaving.user.id });
    await settle();
    expect(await find('zeppelin')).toEqual([`tracker_item:${item.id}`]);
  });

  it('rebuilds the index in the background with progress, reproducing it and dropping what no source holds', async () => {
    const types = ['user', 'tracker_item', 'feedback'] as const;
    const queries = ['ada', 'zeppelin', 'grace', 'hopper', 'searcher@corp.test', 'quantum'];
    const snapshot = async () =>
      Promise.all(
        queries.map(async (q) =>
          (await admin.caller.search.query({ q, types: [...types], limit: 20 })).items.map((hit) => [
            hit.type,
            hit.id,
            hit.score,
          ]),
        ),
      );
    await admin.caller.users.create({
      email: 'ada@lab.test',
      name: 'Ada Byron',
      password: TEST_PASSWORD,
      roles: ['user'],
    });
    await settle();
    const expected = await snapshot();
    expect(expected.flat().length).toBeGreaterThanOrEqual(4);
    const before = (await admin.caller.search.stats()).counts;

    // The index drifts from its sources: an entry lost, a ghost left behind.
    const index = h.store.fullText(SEARCH_CONTAINERS.searchIndex.name);
    await index.delete(PRODUCT, 'user', [admin.user.id]);
    await index.upsert([
      {
        partition: PRODUCT,
        kind: 'user',
        id: 'ghost',
        owner: 'ghost',
        text: { primary: 'ada ghost' },
        data: { title: 'Ghost', subtitle: null, at: null, ref: { id: 'ghost' } },
      },
    ]);
    expect(await snapshot()).not.toEqual(expected);

    h.advance(1000);
    // Two admins at once: one rebuild is queued, the other refused.
    const asked = await Promise.allSettled([
      admin.caller.search.triggerRebuild(),
      admin.caller.search.triggerRebuild(),
    ]);
    const queued = asked.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    expect(queued).toHaveLength(1);
    const refused = asked.find((result) => result.status === 'rejected');
    expect(refused?.status === 'rejected' && (refused.reason as { code?: string }).code).toBe('CONFLICT');
    const started = queued[0];
    if (!started) throw new Error('no rebuild queued');
    expect(started).toMatchObject({
      status: 'queued',
      types: ['user', 'tracker_item', 'audit', 'feedback', 'changelog', 'memory', 'doc'],
    });
    await h.services.jobRunner.whenIdle();
    await settle();

    const done = await admin.caller.search.getRebuild({ id: started.id });
    expect(done).toMatchObject({ status: 'succeeded', removed: 1, error: null });
    expect(done.progress).toMatchObject({ type: null, done: done.progress.total });
    for (const type of types) expect(done.indexed[type]).toBe(before[type]);
    expect(await snapshot()).toEqual(expected);
    const stats = await admin.caller.search.stats();
    for (const type of types) expect(stats.counts[type]).toBe(before[type]);
    // The audit log grew by the rebuild's own entry, which the index holds too.
    expect(stats.counts.audit).toBe(await h.services.audit.count(PRODUCT));
    expect(stats.latestRebuild?.id).toBe(started.id);
    expect((await trpcErrorOf(() => admin.caller.search.getRebuild({ id: 'srb_missing' }))).code).toBe(
      'NOT_FOUND',
    );
  });
});
