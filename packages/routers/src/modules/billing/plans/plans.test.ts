import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trpcErrorOf } from '../../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../../testing/harness';

describe('plans', () => {
  let h: TestHarness;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>;
  beforeAll(async () => {
    h = await createTestHarness();
    admin = await h.signIn(['admin']);
  });
  afterAll(async () => h.close());

  const pricey = {
    code: 'team',
    name: 'Team',
    priceCents: 4900,
    interval: 'year' as const,
    trialDays: 30,
    quotas: { 'api.calls': { limit: 50_000, period: 'month' as const } },
    features: ['Shared workspaces'],
    maxDevices: 10,
    sortOrder: 15,
    stripePriceId: 'price_team',
  };

  it('seeds free, pro and enterprise once, and shows the public list without Stripe ids', async () => {
    const anon = await h.anonymous();
    const [first, second] = await Promise.all([anon.plans.list(), anon.plans.list()]);
    expect(first.items.map((p) => p.code)).toEqual(['free', 'pro', 'enterprise']);
    expect(second.items).toEqual(first.items);
    expect(first.items.filter((p) => p.isDefault).map((p) => p.code)).toEqual(['free']);
    expect(first.items[1]).toMatchObject({ trialDays: 14, maxDevices: 3 });
    expect(first.items[0]?.quotas['api.calls']).toEqual({ limit: 1000, period: 'month' });
    expect(JSON.stringify(first)).not.toContain('stripePriceId');
    expect((await admin.caller.plans.listAll()).items).toHaveLength(3);
  });

  it('seeds each product on its own', async () => {
    await (await h.root()).caller.products.create({ id: 'lysnr', name: 'Lysnr', status: 'active' });
    const other = await h.anonymous('lysnr');
    expect((await other.plans.list()).items).toHaveLength(3);
    await admin.caller.plans.create({ ...pricey, code: 'only-here', stripePriceId: null });
    expect((await other.plans.list()).items.map((p) => p.code)).not.toContain('only-here');
    await admin.caller.plans.delete({ code: 'only-here' });
  });

  it('creates, reads and updates a plan', async () => {
    const created = await admin.caller.plans.create(pricey);
    expect(created).toMatchObject({
      ...pricey,
      id: 'team',
      isDefault: false,
      archived: false,
      currency: 'usd',
    });
    expect(await admin.caller.plans.get({ code: 'TEAM' })).toEqual(created);
    h.advance(1000);
    const updated = await admin.caller.plans.update({ code: 'team', priceCents: 5900, features: ['A', 'B'] });
    expect(updated).toMatchObject({ priceCents: 5900, features: ['A', 'B'], trialDays: 30, name: 'Team' });
    expect(updated.updatedAt > created.updatedAt).toBe(true);
    const codes = (await (await h.anonymous()).plans.list()).items.map((p) => p.code);
    expect(codes).toEqual(['free', 'pro', 'team', 'enterprise']);
  });

  it('refuses duplicates, unknown plans and bad input with the field named', async () => {
    const dup = await trpcErrorOf(() => admin.caller.plans.create(pricey));
    expect(dup.code).toBe('CONFLICT');
    expect((await trpcErrorOf(() => admin.caller.plans.get({ code: 'nope' }))).code).toBe('NOT_FOUND');
    expect((await trpcErrorOf(() => admin.caller.plans.update({ code: 'nope', name: 'x' }))).code).toBe(
      'NOT_FOUND',
    );
    const bad = await trpcErrorOf(() =>
      admin.caller.plans.create({ ...pricey, code: '9 bad', priceCents: -1 }),
    );
    expect(bad.code).toBe('BAD_REQUEST');
    expect(bad.message).toMatch(/code/);
    const sharedPrice = await trpcErrorOf(() =>
      admin.caller.plans.update({ code: 'pro', stripePriceId: pricey.stripePriceId }),
    );
    expect(sharedPrice.code).toBe('CONFLICT');
    expect(sharedPrice.message).toMatch(/team/);
    const badQuota = await trpcErrorOf(() =>
      admin.caller.plans.create({
        ...pricey,
        code: 'q',
        quotas: { 'Bad Metric': { limit: 1, period: 'day' } },
      }),
    );
    expect(badQuota.code).toBe('BAD_REQUEST');
  });

  it('keeps plans admin-only except the public list', async () => {
    const user = await h.callerFor('user');
    expect((await trpcErrorOf(() => user.plans.listAll())).code).toBe('FORBIDDEN');
    expect((await trpcErrorOf(() => user.plans.create(pricey))).code).toBe('FORBIDDEN');
    const anon = await h.anonymous();
    expect((await trpcErrorOf(() => anon.plans.get({ code: 'free' }))).code).toBe('UNAUTHORIZED');
    expect((await trpcErrorOf(() => anon.plans.setDefault({ code: 'pro' }))).code).toBe('UNAUTHORIZED');
  });

  it('archives (hidden from the public list) and restores a plan, but never the default', async () => {
    const archived = await admin.caller.plans.archive({ code: 'enterprise' });
    expect(archived.archived).toBe(true);
    const anon = await h.anonymous();
    expect((await anon.plans.list()).items.map((p) => p.code)).not.toContain('enterprise');
    expect((await admin.caller.plans.listAll()).items.map((p) => p.code)).toContain('enterprise');
    expect((await trpcErrorOf(() => admin.caller.plans.setDefault({ code: 'enterprise' }))).code).toBe(
      'CONFLICT',
    );
    expect((await admin.caller.plans.archive({ code: 'enterprise', archived: false })).archived).toBe(false);
    expect((await trpcErrorOf(() => admin.caller.plans.archive({ code: 'free' }))).code).toBe('CONFLICT');
  });

  it('moves the default so exactly one plan holds it, and new users start there', async () => {
    const pro = await admin.caller.plans.setDefault({ code: 'pro' });
    expect(pro.isDefault).toBe(true);
    const all = (await admin.caller.plans.listAll()).items;
    expect(all.filter((p) => p.isDefault).map((p) => p.code)).toEqual(['pro']);
    expect(await admin.caller.plans.setDefault({ code: 'pro' })).toMatchObject({
      code: 'pro',
      isDefault: true,
    });
    expect((await trpcErrorOf(() => admin.caller.plans.setDefault({ code: 'nope' }))).code).toBe('NOT_FOUND');
    const user = await h.signIn(['user']);
    const me = await user.caller.subscriptions.getMine();
    expect(me.subscription).toMatchObject({ planCode: 'pro', status: 'trialing' });
    await admin.caller.plans.setDefault({ code: 'free' });
  });

  it('deletes a plan without subscribers and refuses one with subscribers or the default', async () => {
    await admin.caller.plans.create({ ...pricey, code: 'doomed', stripePriceId: null });
    expect(await admin.caller.plans.delete({ code: 'doomed' })).toEqual({ code: 'doomed', deleted: true });
    expect((await trpcErrorOf(() => admin.caller.plans.get({ code: 'doomed' }))).code).toBe('NOT_FOUND');
    expect((await trpcErrorOf(() => admin.caller.plans.delete({ code: 'doomed' }))).code).toBe('NOT_FOUND');
    // pro has the trialing user from the test above.
    const busy = await trpcErrorOf(() => admin.caller.plans.delete({ code: 'pro' }));
    expect(busy.code).toBe('CONFLICT');
    expect(busy.message).toMatch(/archive/);
    expect((await trpcErrorOf(() => admin.caller.plans.delete({ code: 'free' }))).code).toBe('CONFLICT');
  });

  it('audits admin changes', async () => {
    await admin.caller.plans.update({ code: 'team', name: 'Team plan' });
    await h.services.bus.drain();
    const audit = await admin.caller.audit.list({ action: 'plans.update' });
    expect(audit.items[0]).toMatchObject({ action: 'plans.update', targetType: 'plan', targetId: 'team' });
  });
});
