import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../../root';
import { shapeOf, trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';

type Signed = Awaited<ReturnType<TestHarness['signIn']>>;

const fieldsOf = async (fn: () => Promise<unknown>) => {
  const error = await trpcErrorOf(fn);
  const shape = shapeOf(error) as { data: { fields?: { path: string }[] } };
  return { code: error.code, paths: (shape.data.fields ?? []).map((f) => f.path) };
};

describe('feature flags', () => {
  let h: TestHarness;
  let admin: Signed;
  const eventsOf = async (type: string, productId = 'platform') => {
    await h.services.bus.drain();
    const page = await h.store
      .container<{ id: string; type: string; seq: string; data: Record<string, unknown> }>('events')
      .query({ partitionKey: productId, where: { type: { eq: type } }, limit: 1000 });
    return page.items.sort((a, b) => a.seq.localeCompare(b.seq)).map((e) => e.data);
  };

  beforeAll(async () => {
    h = await createTestHarness();
    admin = await h.signIn(['admin']);
  });
  afterAll(async () => h.close());

  it('creates, gets, lists with search and paging, updates and deletes', async () => {
    const flags = admin.caller.flags;
    const created = await flags.create({ key: 'crud-one', description: 'Shiny new Editor' });
    expect(created).toMatchObject({
      id: 'crud-one',
      key: 'crud-one',
      enabled: false,
      percentage: 100,
      targeting: { platforms: [], minAppVersion: null, maxAppVersion: null, includeUserIds: [] },
      createdBy: admin.user.id,
    });
    expect(await flags.get({ id: 'crud-one' })).toEqual(created);
    for (const key of ['crud-two', 'crud_three', 'other-flag']) await flags.create({ key });
    const search = await flags.list({ search: 'EDITOR' });
    expect(search.items.map((f) => f.key)).toEqual(['crud-one']);
    const first = await flags.list({ search: 'crud', limit: 2 });
    expect(first.total).toBe(3);
    expect(first.items.map((f) => f.key)).toEqual(['crud-one', 'crud-two']);
    const second = await flags.list({ search: 'crud', limit: 2, cursor: first.nextCursor ?? '' });
    expect(second.items.map((f) => f.key)).toEqual(['crud_three']);
    h.advance(1000);
    const updated = await flags.update({
      id: 'crud-two',
      description: 'Now described',
      percentage: 12.5,
      targeting: {
        platforms: ['ios', 'ios', 'web'],
        minAppVersion: '2.0.0',
        maxAppVersion: '3.0.0-rc.1',
        includeUserIds: ['a'],
        excludeUserIds: ['b'],
      },
    });
    expect(updated).toMatchObject({ percentage: 12.5, description: 'Now described' });
    expect(updated.targeting.platforms).toEqual(['ios', 'web']);
    expect((await flags.list({ sort: 'updatedAt', limit: 1 })).items[0]?.key).toBe('crud-two');
    expect((await flags.list({ search: 'described' })).items.map((f) => f.key)).toEqual(['crud-two']);
    await flags.delete({ id: 'crud_three' });
    expect((await trpcErrorOf(() => flags.get({ id: 'crud_three' }))).code).toBe('NOT_FOUND');
    expect((await trpcErrorOf(() => flags.delete({ id: 'crud_three' }))).code).toBe('NOT_FOUND');
    expect((await eventsOf('flag.deleted')).map((d) => d.flagId)).toContain('crud_three');
    expect((await eventsOf('flag.created')).map((d) => d.flagId)).toContain('crud-one');
    expect(await eventsOf('flag.updated')).toContainEqual({
      flagId: 'crud-two',
      changes: ['description', 'percentage', 'targeting'],
    });
  });

  it('toggle emits flag.toggled with enabled and percentage; a percentage change emits it too', async () => {
    await admin.caller.flags.create({ key: 'toggled', percentage: 30 });
    const on = await admin.caller.flags.toggle({ id: 'toggled', enabled: true });
    expect(on.enabled).toBe(true);
    await admin.caller.flags.toggle({ id: 'toggled', enabled: true });
    await admin.caller.flags.update({ id: 'toggled', percentage: 60 });
    await admin.caller.flags.update({ id: 'toggled', description: 'only text' });
    await admin.caller.flags.toggle({ id: 'toggled', enabled: false });
    const toggled = (await eventsOf('flag.toggled')).filter((d) => d.flagId === 'toggled');
    expect(toggled).toEqual([
      { flagId: 'toggled', enabled: true, percentage: 30 },
      { flagId: 'toggled', enabled: true, percentage: 60 },
      { flagId: 'toggled', enabled: false, percentage: 60 },
    ]);
    await h.services.bus.drain();
    const audit = await admin.caller.audit.list({ actorId: admin.user.id, action: 'flags.toggle' });
    // Every successful toggle is an admin action, the repeated one included.
    // All at one clock time, so compared in a fixed order rather than the log's.
    expect(audit.items.map((e) => JSON.stringify([e.targetId, e.details])).sort()).toEqual(
      [
        ['toggled', { id: 'toggled', enabled: false }],
        ['toggled', { id: 'toggled', enabled: true }],
        ['toggled', { id: 'toggled', enabled: true }],
      ]
        .map((entry) => JSON.stringify(entry))
        .sort(),
    );
  });

  it('evaluate returns every flag in one call; a signed-in user buckets on their own id', async () => {
    const p = await h.signIn(['admin'], { productId: undefined });
    await p.caller.flags.create({ key: 'eval-on', enabled: true });
    await p.caller.flags.create({ key: 'eval-off' });
    await p.caller.flags.create({
      key: 'eval-vip',
      enabled: true,
      percentage: 0,
      targeting: { includeUserIds: ['vip-1'] },
    });
    const anon = await h.anonymous();
    const res = await anon.flags.evaluate({ userId: 'vip-1', platform: 'ios', appVersion: '1.0.0' });
    expect(res.flags).toMatchObject({ 'eval-on': true, 'eval-off': false, 'eval-vip': true });
    expect(res.evaluatedAt).toBe(new Date(h.clock()).toISOString());
    expect((await anon.flags.evaluate()).flags['eval-vip']).toBe(false);
    // The signed-in caller's own id wins over the input: not vip-1, so outside the 0% rollout.
    const user = await h.signIn(['user']);
    expect((await user.caller.flags.evaluate({ userId: 'vip-1' })).flags['eval-vip']).toBe(false);
    await p.caller.flags.update({ id: 'eval-vip', targeting: { includeUserIds: ['vip-1', user.user.id] } });
    expect((await user.caller.flags.evaluate({})).flags['eval-vip']).toBe(true);
    // A server holding an API token evaluates on behalf of the user it names.
    const { token } = await p.caller.tokens.create({ name: 'flag-server' });
    const server = createCaller(await h.contextFor({ bearer: token }));
    expect((await server.flags.evaluate({ userId: 'vip-1' })).flags['eval-vip']).toBe(true);
  });

  it('serves evaluate from a short cache that this instance drops on every write', async () => {
    await admin.caller.flags.create({ key: 'cached', enabled: true });
    const anon = await h.anonymous();
    expect((await anon.flags.evaluate({ deviceId: 'd1' })).flags.cached).toBe(true);
    // A write behind the service's back (another instance) shows up only after the TTL.
    const container = h.store.container<{ id: string; enabled: boolean; productId: string }>('feature_flags');
    const doc = await container.read('cached', 'platform');
    if (!doc) throw new Error('missing');
    const { _etag, _ts, ttl, ...rest } = doc;
    await container.replace({ ...rest, enabled: false });
    expect((await anon.flags.evaluate({ deviceId: 'd1' })).flags.cached).toBe(true);
    h.advance(6000);
    expect((await anon.flags.evaluate({ deviceId: 'd1' })).flags.cached).toBe(false);
    await admin.caller.flags.toggle({ id: 'cached', enabled: true });
    expect((await anon.flags.evaluate({ deviceId: 'd1' })).flags.cached).toBe(true);
    await admin.caller.flags.delete({ id: 'cached' });
    expect((await anon.flags.evaluate({ deviceId: 'd1' })).flags).not.toHaveProperty('cached');
  });

  it('explain names the rule that decided, with the bucket', async () => {
    await admin.caller.flags.create({
      key: 'explained',
      enabled: true,
      percentage: 50,
      targeting: { platforms: ['android'], excludeUserIds: ['bad'], minAppVersion: '2.0.0' },
    });
    const explain = async (o: object) => {
      const res = await admin.caller.flags.explain({ key: 'explained', ...o });
      expect(res.items).toHaveLength(1);
      return res.items[0] ?? { rule: 'none', bucket: null, value: false };
    };
    expect((await explain({ userId: 'bad', platform: 'android' })).rule).toBe('excluded');
    expect((await explain({ userId: 'x', platform: 'ios' })).rule).toBe('platform');
    expect((await explain({ userId: 'x', platform: 'android', appVersion: '1.9.9' })).rule).toBe(
      'app_version',
    );
    expect((await explain({ platform: 'android', appVersion: '2.0.0' })).rule).toBe('no_subject');
    const r = await explain({ userId: 'x', platform: 'android', appVersion: '2.0.0' });
    expect(r).toMatchObject({ subjectId: 'x', threshold: 5000 });
    expect(r.rule).toBe((r.bucket ?? 0) < 5000 ? 'in_rollout' : 'outside_rollout');
    expect(r.value).toBe(r.rule === 'in_rollout');
    expect((await trpcErrorOf(() => admin.caller.flags.explain({ key: 'nope' }))).code).toBe('NOT_FOUND');
    // Without a key: every flag, for one caller, in one call (the console's tester).
    const all = await admin.caller.flags.explain({ userId: 'x', platform: 'android', appVersion: '2.0.0' });
    const anon = await h.anonymous();
    const evaluated = await anon.flags.evaluate({ userId: 'x', platform: 'android', appVersion: '2.0.0' });
    expect(Object.fromEntries(all.items.map((i) => [i.key, i.value]))).toEqual(evaluated.flags);
  });

  it('refuses bad input with 4xx errors naming the field', async () => {
    const flags = admin.caller.flags;
    expect(await fieldsOf(() => flags.create({ key: 'Bad Key' }))).toEqual({
      code: 'BAD_REQUEST',
      paths: ['key'],
    });
    expect((await fieldsOf(() => flags.create({ key: 'pct', percentage: 10.005 }))).paths).toEqual([
      'percentage',
    ]);
    expect((await fieldsOf(() => flags.create({ key: 'pct', percentage: 101 }))).paths).toEqual([
      'percentage',
    ]);
    expect(
      (await fieldsOf(() => flags.create({ key: 'vv', targeting: { minAppVersion: 'one' } }))).paths,
    ).toEqual(['targeting.minAppVersion']);
    expect(
      await fieldsOf(() =>
        flags.create({ key: 'vv', targeting: { minAppVersion: '3.0.0', maxAppVersion: '2.9.9' } }),
      ),
    ).toEqual({ code: 'BAD_REQUEST', paths: ['targeting.minAppVersion'] });
    expect(
      (
        await fieldsOf(() =>
          flags.create({ key: 'vv', targeting: { includeUserIds: ['a'], excludeUserIds: ['a'] } }),
        )
      ).paths,
    ).toEqual(['targeting.includeUserIds']);
    expect(
      (await fieldsOf(() => flags.create({ key: 'vv', targeting: { platforms: ['tv' as 'ios'] } }))).code,
    ).toBe('BAD_REQUEST');
    await flags.create({ key: 'dupe' });
    expect(await fieldsOf(() => flags.create({ key: 'dupe' }))).toEqual({ code: 'CONFLICT', paths: ['key'] });
    expect((await trpcErrorOf(() => flags.update({ id: 'missing', percentage: 5 }))).code).toBe('NOT_FOUND');
  });

  it('records a change and its event in one commit: a refused create leaves no event', async () => {
    const flags = admin.caller.flags;
    await flags.create({ key: 'atomic', enabled: true, percentage: 30 });
    expect((await trpcErrorOf(() => flags.create({ key: 'atomic', percentage: 60 }))).code).toBe('CONFLICT');
    expect((await eventsOf('flag.created')).filter((d) => d.flagId === 'atomic')).toEqual([
      { flagId: 'atomic', enabled: true, percentage: 30 },
    ]);
    await flags.delete({ id: 'atomic' });
    expect((await trpcErrorOf(() => flags.delete({ id: 'atomic' }))).code).toBe('NOT_FOUND');
    expect((await eventsOf('flag.deleted')).filter((d) => d.flagId === 'atomic')).toHaveLength(1);
  });

  it('is admin-only (bar evaluate) and scoped to the product', async () => {
    const user = await h.signIn(['user']);
    expect((await trpcErrorOf(() => user.caller.flags.list())).code).toBe('FORBIDDEN');
    expect((await trpcErrorOf(() => user.caller.flags.toggle({ id: 'dupe', enabled: true }))).code).toBe(
      'FORBIDDEN',
    );
    const anon = await h.anonymous();
    expect((await trpcErrorOf(() => anon.flags.create({ key: 'x' }))).code).toBe('UNAUTHORIZED');
    const root = await h.root();
    await root.caller.products.create({ id: 'other', name: 'Other' });
    const otherAdmin = await h.signIn(['admin'], { productId: 'other' });
    expect((await otherAdmin.caller.flags.list()).total).toBe(0);
    await otherAdmin.caller.flags.create({ key: 'dupe', enabled: true });
    expect((await (await h.anonymous('other')).flags.evaluate()).flags).toEqual({ dupe: true });
    expect((await anon.flags.evaluate()).flags.dupe).toBe(false);
  });
});
