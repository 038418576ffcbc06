import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trpcErrorOf } from '../../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../../testing/harness';
import { eventsFor, subscriptionsContainer } from '../../../testing/subscriptions';

const DAY = 24 * 60 * 60 * 1000;

describe('subscriptions', () => {
  let h: TestHarness;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>;
  beforeAll(async () => {
    h = await createTestHarness();
    admin = await h.signIn(['admin']);
  });
  afterAll(async () => h.close());

  const newUser = async () => {
    const signed = await h.signIn(['user']);
    await h.services.bus.drain();
    return signed;
  };

  it('starts a subscription on the default plan when a user registers, once', async () => {
    const { user } = await newUser();
    const { subscription, plan } = await admin.caller.subscriptions.get({ userId: user.id });
    expect(subscription).toMatchObject({
      id: user.id,
      userId: user.id,
      planCode: 'free',
      status: 'active',
      trialEnd: null,
      cancelAtPeriodEnd: false,
      currentPeriodStart: '2026-06-01T12:00:00.000Z',
      currentPeriodEnd: '2026-07-01T12:00:00.000Z',
    });
    expect(subscription.history).toEqual([
      expect.objectContaining({ fromPlan: null, toPlan: 'free', toStatus: 'active', reason: 'registration' }),
    ]);
    expect(plan?.code).toBe('free');
    const again = await h.services.billing.subscriptions.ensureForUser('platform', user.id);
    expect(again.created).toBe(false);
    expect(await eventsFor(h, 'subscription.created', user.id)).toEqual([
      { subscriptionId: user.id, userId: user.id, plan: 'free', status: 'active' },
    ]);
  });

  it('starts a trial when the default plan has trial days', async () => {
    await admin.caller.plans.setDefault({ code: 'pro' });
    const { user } = await newUser();
    const { subscription } = await admin.caller.subscriptions.get({ userId: user.id });
    expect(subscription).toMatchObject({
      planCode: 'pro',
      status: 'trialing',
      trialEnd: new Date(h.clock() + 14 * DAY).toISOString(),
      currentPeriodEnd: new Date(h.clock() + 14 * DAY).toISOString(),
    });
    await admin.caller.plans.setDefault({ code: 'free' });
  });

  it('me creates the subscription when the subscriber has not run yet', async () => {
    const { user, caller } = await newUser();
    // As if the registration subscriber had not run yet.
    await subscriptionsContainer(h).delete(user.id, 'platform');
    const before = (await eventsFor(h, 'subscription.created', user.id)).length;
    const [a, b] = await Promise.all([caller.subscriptions.getMine(), caller.subscriptions.getMine()]);
    expect(a.subscription.id).toBe(user.id);
    expect(b.subscription.createdAt).toBe(a.subscription.createdAt);
    expect(await eventsFor(h, 'subscription.created', user.id)).toHaveLength(before + 1);
    expect(a.plan?.code).toBe('free');
  });

  it('lists with status and plan filters, sorting, paging and a total; admins only', async () => {
    // Two trials, the second ending a minute after the first.
    await admin.caller.plans.setDefault({ code: 'pro' });
    const trialFirst = await newUser();
    h.advance(60_000);
    const trialSecond = await newUser();
    await admin.caller.plans.setDefault({ code: 'free' });
    const extra = [await newUser(), await newUser(), await newUser()];
    const first = extra[0];
    if (!first) throw new Error('no user');
    await admin.caller.subscriptions.changePlan({ userId: first.user.id, planCode: 'enterprise' });
    const enterprise = await admin.caller.subscriptions.list({ planCode: 'enterprise' });
    expect(enterprise.items.map((s) => s.id)).toEqual([first.user.id]);
    expect(enterprise.total).toBe(1);
    // The unfiltered list is the reference the filters and the trial-end order are checked against.
    const everyone = (await admin.caller.subscriptions.list({ limit: 100 })).items;
    expect(everyone.map((s) => s.id)).toEqual(
      expect.arrayContaining([trialFirst.user.id, trialSecond.user.id, ...extra.map((e) => e.user.id)]),
    );
    const trialing = await admin.caller.subscriptions.list({ status: 'trialing' });
    const expectedTrialing = everyone.filter((s) => s.status === 'trialing').map((s) => s.id);
    expect(expectedTrialing).toEqual(expect.arrayContaining([trialFirst.user.id, trialSecond.user.id]));
    expect(trialing.items.map((s) => s.id).sort()).toEqual([...expectedTrialing].sort());
    expect(trialing.total).toBe(expectedTrialing.length);
    const byTrial = await admin.caller.subscriptions.list({ sort: 'trialEnd', direction: 'asc' });
    const withTrial = everyone.filter((s) => s.trialEnd !== null);
    expect(byTrial.items.map((s) => s.trialEnd)).toEqual(withTrial.map((s) => s.trialEnd).sort());
    expect(byTrial.total).toBe(withTrial.length);
    const trialIds = byTrial.items.map((s) => s.id);
    expect(trialIds.indexOf(trialFirst.user.id)).toBeLessThan(trialIds.indexOf(trialSecond.user.id));
    expect(trialIds).not.toContain(first.user.id);
    const all = await admin.caller.subscriptions.list({ sort: 'createdAt', direction: 'asc', limit: 2 });
    expect(all.items).toHaveLength(2);
    expect(all.total).toBe(everyone.length);
    expect(all.nextCursor).not.toBeNull();
    const next = await admin.caller.subscriptions.list({
      sort: 'createdAt',
      direction: 'asc',
      limit: 2,
      cursor: all.nextCursor ?? undefined,
    });
    expect(next.items.map((s) => s.id)).not.toContain(all.items[0]?.id);
    expect((next.items[0]?.createdAt ?? '') >= (all.items[1]?.createdAt ?? '')).toBe(true);
    const user = await h.callerFor('user');
    expect((await trpcErrorOf(() => user.subscriptions.list())).code).toBe('FORBIDDEN');
    expect((await trpcErrorOf(() => user.subscriptions.get({ userId: first.user.id }))).code).toBe(
      'FORBIDDEN',
    );
    expect((await trpcErrorOf(() => admin.caller.subscriptions.list({ limit: 1000 }))).code).toBe(
      'BAD_REQUEST',
    );
    expect((await trpcErrorOf(() => admin.caller.subscriptions.get({ userId: 'nobody' }))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('changes plans with history and subscription.changed, and refuses what cannot be done', async () => {
    const { user } = await newUser();
    h.advance(1000);
    const changed = await admin.caller.subscriptions.changePlan({
      userId: user.id,
      planCode: 'pro',
      reason: 'upgrade by support',
    });
    expect(changed.subscription).toMatchObject({ planCode: 'pro', status: 'active' });
    expect(changed.subscription.history.at(-1)).toMatchObject({
      fromPlan: 'free',
      toPlan: 'pro',
      reason: 'upgrade by support',
      actorId: admin.user.id,
    });
    expect(await eventsFor(h, 'subscription.changed', user.id)).toEqual([
      { subscriptionId: user.id, oldPlan: 'free', newPlan: 'pro', status: 'active' },
    ]);
    const same = await trpcErrorOf(() =>
      admin.caller.subscriptions.changePlan({ userId: user.id, planCode: 'pro' }),
    );
    expect(same.code).toBe('CONFLICT');
    const missing = await trpcErrorOf(() =>
      admin.caller.subscriptions.changePlan({ userId: user.id, planCode: 'ghost' }),
    );
    expect(missing.code).toBe('NOT_FOUND');
    await admin.caller.plans.create({ code: 'legacy', name: 'Legacy', priceCents: 100 });
    await admin.caller.plans.archive({ code: 'legacy' });
    const archived = await trpcErrorOf(() =>
      admin.caller.subscriptions.changePlan({ userId: user.id, planCode: 'legacy' }),
    );
    expect(archived.code).toBe('CONFLICT');
    const nobody = await trpcErrorOf(() =>
      admin.caller.subscriptions.changePlan({ userId: 'ghost', planCode: 'pro' }),
    );
    expect(nobody.code).toBe('NOT_FOUND');
  });

  it('cancels at period end or now, emits subscription.canceled, and refuses twice', async () => {
    const { user } = await newUser();
    const later = await admin.caller.subscriptions.cancel({ userId: user.id, reason: 'too expensive' });
    expect(later.subscription).toMatchObject({
      status: 'active',
      cancelAtPeriodEnd: true,
      cancelReason: 'too expensive',
      canceledAt: new Date(h.clock()).toISOString(),
    });
    const twice = await trpcErrorOf(() => admin.caller.subscriptions.cancel({ userId: user.id }));
    expect(twice.code).toBe('CONFLICT');
    const now = await admin.caller.subscriptions.cancel({
      userId: user.id,
      atPeriodEnd: false,
      reason: 'refund',
    });
    expect(now.subscription).toMatchObject({
      status: 'canceled',
      cancelAtPeriodEnd: false,
      cancelReason: 'refund',
    });
    expect(now.subscription.history.at(-1)).toMatchObject({ fromStatus: 'active', toStatus: 'canceled' });
    const ended = await trpcErrorOf(() =>
      admin.caller.subscriptions.cancel({ userId: user.id, atPeriodEnd: false }),
    );
    expect(ended.code).toBe('CONFLICT');
    expect(await eventsFor(h, 'subscription.canceled', user.id)).toEqual([
      { subscriptionId: user.id, userId: user.id, reason: 'too expensive' },
      { subscriptionId: user.id, userId: user.id, reason: 'refund' },
    ]);
    const back = await admin.caller.subscriptions.changePlan({ userId: user.id, planCode: 'free' });
    expect(back.subscription).toMatchObject({
      status: 'active',
      planCode: 'free',
      cancelAtPeriodEnd: false,
      canceledAt: null,
    });
  });

  it('audits admin changes with the subscription as target', async () => {
    const { user } = await newUser();
    await admin.caller.subscriptions.changePlan({ userId: user.id, planCode: 'enterprise' });
    await h.services.bus.drain();
    const audit = await admin.caller.audit.list({ action: 'subscriptions.changePlan' });
    expect(audit.items.find((entry) => entry.targetId === user.id)).toMatchObject({
      targetType: 'subscription',
      actorId: admin.user.id,
    });
  });

  it('lets a user cancel their own subscription only', async () => {
    const { user, caller } = await newUser();
    const mine = await caller.subscriptions.cancelMine({ atPeriodEnd: true, reason: 'moving on' });
    expect(mine.subscription).toMatchObject({ id: user.id, cancelAtPeriodEnd: true });
    expect(mine.subscription.history.at(-1)?.actorId).toBe(user.id);
    expect((await trpcErrorOf(() => caller.subscriptions.cancel({ userId: admin.user.id }))).code).toBe(
      'FORBIDDEN',
    );
    const anon = await h.anonymous();
    expect((await trpcErrorOf(() => anon.subscriptions.getMine())).code).toBe('UNAUTHORIZED');
    expect((await trpcErrorOf(() => anon.subscriptions.cancelMine())).code).toBe('UNAUTHORIZED');
  });

  it('applies concurrent changes one after another (ifMatch and retry)', async () => {
    const { user } = await newUser();
    await Promise.all([
      admin.caller.subscriptions.changePlan({ userId: user.id, planCode: 'pro' }),
      admin.caller.subscriptions.cancel({ userId: user.id, reason: 'race' }),
    ]);
    const { subscription } = await admin.caller.subscriptions.get({ userId: user.id });
    expect(subscription).toMatchObject({ planCode: 'pro', cancelAtPeriodEnd: true });
    expect(subscription.history).toHaveLength(3);
  });

  it('ends and removes the subscription of a deleted user', async () => {
    const { user } = await newUser();
    expect(await subscriptionsContainer(h).read(user.id, 'platform')).toMatchObject({ userId: user.id });
    await admin.caller.users.delete({ id: user.id });
    await h.services.bus.drain();
    expect(await subscriptionsContainer(h).read(user.id, 'platform')).toBeUndefined();
    expect(await eventsFor(h, 'subscription.canceled', user.id)).toEqual([
      { subscriptionId: user.id, userId: user.id, reason: 'user deleted' },
    ]);
  });

  it('a subscription on a deleted plan still reads, with a null plan', async () => {
    const { user } = await newUser();
    await admin.caller.plans.create({ code: 'short-lived', name: 'Short', priceCents: 0 });
    await admin.caller.subscriptions.changePlan({ userId: user.id, planCode: 'short-lived' });
    await h.store.container('plans').delete('short-lived', 'platform');
    const view = await admin.caller.subscriptions.get({ userId: user.id });
    expect(view.plan).toBeNull();
  });
});
