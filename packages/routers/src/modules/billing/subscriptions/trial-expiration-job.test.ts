import type { JobContext } from '@bytelyst/scheduler/definition';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeStripe, STRIPE_TEST_CONFIG, startFakeStripe } from '../../../testing/fake-stripe';
import { createTestHarness, type TestHarness } from '../../../testing/harness';
import { billingEvents, eventsFor, patchSubscription } from '../../../testing/subscriptions';
import { BILLING_CONTAINERS } from '../containers';
import type { TPayment } from '../stripe/schema';

const DAY = 24 * 60 * 60 * 1000;
const ROOT = { id: 'root', email: 'root@example.com' };

describe('trial-expiration-check job', () => {
  let h: TestHarness;
  let fake: FakeStripe;
  let remoteStatus = 'active';
  beforeAll(async () => {
    fake = await startFakeStripe({ subscriptionStatus: () => remoteStatus });
    h = await createTestHarness({ config: { billing: { ...STRIPE_TEST_CONFIG, stripeApiBase: fake.url } } });
  });
  afterAll(async () => {
    await h.close();
    await fake.stop();
  });

  const run = async () => {
    const def = h.services.jobRegistry.get('trial-expiration-check');
    if (!def) throw new Error('not registered');
    const ctx: JobContext = {
      signal: new AbortController().signal,
      log: () => undefined,
      runId: 'test',
      slotAt: null,
      attempt: 1,
      trigger: 'manual',
      now: h.clock,
    };
    return def.run(ctx);
  };
  const newUser = async () => {
    const { user } = await h.signIn(['user']);
    await h.services.bus.drain();
    return user.id;
  };
  const sub = async (id: string) => (await h.services.billing.subscriptions.get('platform', id)).subscription;
  const at = (offsetMs: number) => new Date(h.clock() + offsetMs).toISOString();

  it('is registered hourly in UTC', () => {
    expect(h.services.jobRegistry.get('trial-expiration-check')).toMatchObject({
      cron: '0 * * * *',
      timezone: 'UTC',
    });
  });

  it('settles ended trials, cancels at period end, rolls free periods and warns of ending trials, once', async () => {
    const trial = (end: number) => ({
      planCode: 'pro',
      status: 'trialing' as const,
      trialEnd: at(end),
      currentPeriodEnd: at(end),
    });
    const unpaid = await newUser();
    await patchSubscription(h, unpaid, trial(-DAY));
    const paidLocally = await newUser();
    await patchSubscription(h, paidLocally, trial(-DAY));
    const payment: TPayment = {
      id: 'in_trial',
      productId: 'platform',
      userId: paidLocally,
      amount: 1200,
      currency: 'usd',
      status: 'succeeded',
      attemptCount: 1,
      stripeCustomerId: null,
      stripeSubscriptionId: null,
      lastEventId: 'evt',
      at: at(0),
      createdAt: at(0),
    };
    await h.store.container<TPayment>(BILLING_CONTAINERS.payments.name).create(payment);
    const paidAtStripe = await newUser();
    await patchSubscription(h, paidAtStripe, { ...trial(-DAY), stripeSubscriptionId: 'sub_remote_active' });
    const leaving = await newUser();
    await patchSubscription(h, leaving, {
      cancelAtPeriodEnd: true,
      currentPeriodEnd: at(-1000),
      cancelReason: 'bye',
    });
    const free = await newUser();
    await patchSubscription(h, free, { currentPeriodStart: at(-65 * DAY), currentPeriodEnd: at(-5 * DAY) });
    const ending = await newUser();
    await patchSubscription(h, ending, trial(3 * DAY));
    const notYet = await newUser();
    await patchSubscription(h, notYet, trial(20 * DAY));
    fake.requests.length = 0;

    const metrics = await run();
    expect(metrics).toMatchObject({
      activated: 2,
      expired: 1,
      canceled: 1,
      rolled: 1,
      trialWarnings: 1,
      failed: 0,
    });

    expect(await sub(unpaid)).toMatchObject({ status: 'expired', planCode: 'pro' });
    expect(await eventsFor(h, 'subscription.expired', unpaid)).toEqual([
      { subscriptionId: unpaid, userId: unpaid, plan: 'pro', trialEnd: at(-DAY) },
    ]);
    expect(await eventsFor(h, 'subscription.changed', unpaid)).toEqual([
      { subscriptionId: unpaid, oldPlan: 'pro', newPlan: 'pro', status: 'expired' },
    ]);
    expect(await sub(paidLocally)).toMatchObject({ status: 'active', currentPeriodStart: at(-DAY) });
    expect(await sub(paidAtStripe)).toMatchObject({ status: 'active' });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toContain(
      'GET /v1/subscriptions/sub_remote_active',
    );
    expect(await sub(leaving)).toMatchObject({ status: 'canceled', cancelAtPeriodEnd: false });
    expect((await sub(leaving)).history.at(-1)).toMatchObject({ toStatus: 'canceled', reason: 'bye' });
    expect(await sub(free)).toMatchObject({
      status: 'active',
      currentPeriodEnd: new Date('2026-06-27T12:00:00.000Z').toISOString(),
    });
    expect((await sub(ending)).trialEndingNotifiedAt).toBe(at(0));
    expect(await eventsFor(h, 'subscription.trial_ending', ending)).toEqual([
      { subscriptionId: ending, userId: ending, plan: 'pro', trialEnd: at(3 * DAY), daysLeft: 3 },
    ]);
    expect(await sub(notYet)).toMatchObject({ status: 'trialing' });

    const warnings = (await billingEvents(h, 'subscription.trial_ending')).length;
    const again = await run();
    expect(again).toMatchObject({
      activated: 0,
      expired: 0,
      canceled: 0,
      rolled: 0,
      trialWarnings: 0,
      failed: 0,
    });
    expect(await billingEvents(h, 'subscription.trial_ending')).toHaveLength(warnings);
  });

  it('expires a trial whose Stripe subscription is not active', async () => {
    remoteStatus = 'incomplete';
    const id = await newUser();
    await patchSubscription(h, id, {
      planCode: 'pro',
      status: 'trialing',
      trialEnd: at(-1000),
      stripeSubscriptionId: 'sub_remote_incomplete',
    });
    expect(await run()).toMatchObject({ expired: 1, activated: 0 });
    expect((await sub(id)).status).toBe('expired');
    remoteStatus = 'active';
  });

  it('records its metrics on the run when triggered through the runner', async () => {
    const run = await h.services.jobRunner.trigger('trial-expiration-check', ROOT);
    await h.services.jobRunner.whenIdle();
    const done = await h.services.jobs.getRun('platform', run.id);
    expect(done).toMatchObject({ status: 'succeeded', metrics: { activated: 0, expired: 0, failed: 0 } });
  });
});
