import type { JobContext } from '@bytelyst/scheduler/definition';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeStripe, STRIPE_TEST_CONFIG, startFakeStripe } from '../../testing/fake-stripe';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { signedEvent } from '../../testing/stripe';
import { eventsFor, patchSubscription } from '../../testing/subscriptions';
import { GRACE_JOB_NAME } from './grace-job';

const DAY = 24 * 60 * 60 * 1000;
const PRODUCT = 'platform';

describe.each(['sqlite', 'cosmos'] as const)('dunning on %s', (driver) => {
  let h: TestHarness;
  let fake: FakeStripe;
  beforeAll(async () => {
    fake = await startFakeStripe();
    h = await createTestHarness({
      driver,
      config: { billing: { ...STRIPE_TEST_CONFIG, stripeApiBase: fake.url } },
    });
    const admin = await h.signIn(['admin']);
    await admin.caller.plans.update({ code: 'pro', stripePriceId: 'price_pro_monthly' });
    await admin.caller.plans.update({ code: 'enterprise', dunningGraceDays: 0 });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await fake?.stop();
  });

  let counter = 0;
  /** A signed-in user on `plan`, billed through a Stripe subscription of their own. */
  const payingUser = async (plan = 'pro') => {
    const signed = await h.signIn(['user']);
    await h.services.bus.drain();
    counter += 1;
    const ids = { sub: `sub_dun_${driver}_${counter}`, cus: `cus_dun_${driver}_${counter}` };
    await patchSubscription(h, signed.user.id, {
      planCode: plan,
      status: 'active',
      stripeSubscriptionId: ids.sub,
      stripeCustomerId: ids.cus,
    });
    return { ...signed, ...ids, invoice: `in_dun_${driver}_${counter}` };
  };
  type Payer = Awaited<ReturnType<typeof payingUser>>;

  const invoice = (p: Payer, attempt: number, extra: Record<string, unknown> = {}) => ({
    id: p.invoice,
    object: 'invoice',
    customer: p.cus,
    currency: 'eur',
    amount_due: 1200,
    amount_paid: 0,
    attempt_count: attempt,
    next_payment_attempt: Math.floor((h.clock() + 3 * DAY) / 1000),
    hosted_invoice_url: `https://invoice.stripe.test/${p.invoice}`,
    parent: { subscription_details: { subscription: p.sub } },
    ...extra,
  });
  /** Posts a signed event through the webhook's service and lets every subscriber settle. */
  const post = async (type: string, object: Record<string, unknown>, createdSeconds?: number) => {
    const event = signedEvent(h, type, object, 0, createdSeconds);
    const result = await h.services.billing.stripe.handleWebhook(Buffer.from(event.payload), event.header);
    await h.services.bus.drain();
    return { ...result, event };
  };
  const fail = (p: Payer, attempt: number, createdSeconds?: number) =>
    post('invoice.payment_failed', invoice(p, attempt), createdSeconds);
  const pay = (p: Payer, createdSeconds?: number) =>
    post('invoice.payment_succeeded', invoice(p, 4, { amount_paid: 1200, amount_due: 1200 }), createdSeconds);

  const runJob = async () => {
    const def = h.services.jobRegistry.get(GRACE_JOB_NAME);
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
    const metrics = await def.run(ctx);
    await h.services.bus.drain();
    return metrics;
  };
  const mails = async (p: Payer) => {
    const { items } = await h.services.delivery.list(PRODUCT, { userId: p.user.id });
    return items
      .map((item) => item.template)
      .filter((template) => template !== 'welcome')
      .sort();
  };
  const stored = (p: Payer) => h.services.dunning.get(PRODUCT, p.invoice);
  const audited = async (p: Payer) => {
    const { items } = await h.services.audit.list(PRODUCT, { targetId: p.user.id, limit: 50 });
    return items.map((entry) => entry.action).sort();
  };

  it('is a daily job in UTC', () => {
    expect(h.services.jobRegistry.get(GRACE_JOB_NAME)).toMatchObject({ cron: '0 6 * * *', timezone: 'UTC' });
  });

  it('walks a failing invoice from the first failure through the final warning to the free plan', async () => {
    const p = await payingUser();
    expect((await p.caller.subscriptions.getMine()).dunning).toBeNull();

    const first = await fail(p, 1);
    expect(first.outcome).toBe('payment failed');
    const started = await stored(p);
    expect(started).toMatchObject({
      stage: 'started',
      open: true,
      plan: 'pro',
      graceDays: 7,
      attemptCount: 1,
    });
    expect(started.graceEndsAt).toBe(new Date(h.clock() + 7 * DAY).toISOString());
    expect((await p.caller.subscriptions.getMine()).dunning).toMatchObject({
      stage: 'started',
      daysLeft: 7,
      invoiceId: p.invoice,
      amountDue: 1200,
      currency: 'eur',
      hostedInvoiceUrl: `https://invoice.stripe.test/${p.invoice}`,
    });
    expect(await mails(p)).toEqual(['payment-failed']);

    // Stripe redelivers the same event, and sends another notification of the same attempt: nothing is mailed.
    const again = await h.services.billing.stripe.handleWebhook(
      Buffer.from(first.event.payload),
      first.event.header,
    );
    expect(again).toMatchObject({ duplicate: true });
    await fail(p, 1);
    await h.services.bus.drain();
    expect(await mails(p)).toEqual(['payment-failed']);

    h.advance(2 * DAY);
    await fail(p, 2);
    expect(await stored(p)).toMatchObject({ stage: 'started', attemptCount: 2 });
    expect(await mails(p)).toEqual(['payment-failed']);

    h.advance(2 * DAY);
    await fail(p, 3);
    const warned = await stored(p);
    expect(warned).toMatchObject({
      stage: 'final_warning',
      attemptCount: 3,
      finalWarningAt: new Date(h.clock()).toISOString(),
    });
    expect(await mails(p)).toEqual(['dunning-final-warning', 'payment-failed']);
    expect((await p.caller.subscriptions.getMine()).dunning).toMatchObject({
      stage: 'final_warning',
      daysLeft: 3,
    });

    // Day 6: not due yet.
    h.advance(2 * DAY);
    expect(await runJob()).toMatchObject({ downgraded: 0 });
    expect((await p.caller.subscriptions.getMine()).subscription.planCode).toBe('pro');

    h.advance(DAY + 1000);
    fake.requests.length = 0;
    expect(await runJob()).toMatchObject({ downgraded: 1, failed: 0 });
    expect(fake.requests).toMatchObject([{ method: 'DELETE', path: `/v1/subscriptions/${p.sub}` }]);
    const view = await p.caller.subscriptions.getMine();
    expect(view.subscription).toMatchObject({
      planCode: 'free',
      status: 'active',
      stripeSubscriptionId: null,
    });
    expect(view.dunning).toBeNull();
    expect(await stored(p)).toMatchObject({
      stage: 'downgraded',
      open: false,
      toPlan: 'free',
      daysLeft: null,
    });
    expect(await mails(p)).toEqual(['dunning-downgraded', 'dunning-final-warning', 'payment-failed']);
    expect((await stored(p)).mails.map((m) => m.stage)).toEqual(['started', 'final_warning', 'downgraded']);

    // Stripe confirms the cancellation, a late failure comes in, the job runs again: nothing moves.
    await post('customer.subscription.deleted', {
      id: p.sub,
      customer: p.cus,
      status: 'canceled',
      items: { data: [{ price: { id: 'price_pro_monthly' } }] },
    });
    await fail(p, 4);
    expect(await runJob()).toMatchObject({ downgraded: 0 });
    expect((await p.caller.subscriptions.getMine()).subscription).toMatchObject({
      planCode: 'free',
      status: 'active',
    });
    expect(await stored(p)).toMatchObject({ stage: 'downgraded', attemptCount: 3 });
    expect(await mails(p)).toHaveLength(3);

    const dunningEvents = [
      'dunning.started',
      'dunning.final_warning',
      'dunning.downgraded',
      'dunning.recovered',
    ];
    const counts = await Promise.all(
      dunningEvents.map(async (type) => (await eventsFor(h, type, p.user.id)).length),
    );
    expect(counts).toEqual([1, 1, 1, 0]);
    expect(await eventsFor(h, 'dunning.downgraded', p.user.id)).toEqual([
      expect.objectContaining({ invoiceId: p.invoice, toPlan: 'free', stage: 'final_warning', plan: 'pro' }),
    ]);
    expect(await audited(p)).toEqual(['dunning.downgraded', 'dunning.final_warning', 'dunning.started']);
  });

  it('ends dunning on a payment at any point, and a failure delivered after it does not restart it', async () => {
    const p = await payingUser();
    const firstAt = Math.floor(h.clock() / 1000);
    await fail(p, 1);
    h.advance(DAY);
    await fail(p, 2);
    h.advance(DAY);
    const paid = await pay(p);
    expect(paid.outcome).toBe('payment succeeded');
    expect(await stored(p)).toMatchObject({ stage: 'recovered', open: false, amountPaid: 1200 });
    expect((await p.caller.subscriptions.getMine()).dunning).toBeNull();
    expect((await p.caller.subscriptions.getMine()).subscription).toMatchObject({
      planCode: 'pro',
      status: 'active',
    });

    // The second attempt's notification, delivered again by Stripe after the payment (a new event id).
    await fail(p, 2, firstAt + 86_400);
    await fail(p, 3, firstAt + 2 * 86_400);
    expect(await stored(p)).toMatchObject({ stage: 'recovered', attemptCount: 2 });
    expect((await p.caller.subscriptions.getMine()).dunning).toBeNull();
    // The job never downgrades a recovered account, even past the grace period.
    h.advance(8 * DAY);
    await runJob();
    expect((await p.caller.subscriptions.getMine()).subscription.planCode).toBe('pro');
    expect(await mails(p)).toEqual(['payment-failed']);
    expect(await eventsFor(h, 'dunning.recovered', p.user.id)).toEqual([
      expect.objectContaining({ amountPaid: 1200, stage: 'started', attemptCount: 2, currency: 'eur' }),
    ]);
    expect(await audited(p)).toEqual(['dunning.recovered', 'dunning.started']);
  });

  it('takes Stripe events in any order: the third attempt first, then the earlier ones', async () => {
    const p = await payingUser();
    const now = Math.floor(h.clock() / 1000);
    await fail(p, 3, now);
    expect(await stored(p)).toMatchObject({ stage: 'final_warning', attemptCount: 3 });
    // Opened at the third attempt: the final warning alone is mailed (it says all the first mail would).
    expect(await mails(p)).toEqual(['dunning-final-warning']);
    await fail(p, 1, now - 2 * 86_400);
    await fail(p, 2, now - 86_400);
    await fail(p, 3, now);
    expect(await stored(p)).toMatchObject({ stage: 'final_warning', attemptCount: 3 });
    expect(await mails(p)).toEqual(['dunning-final-warning']);
    expect(await eventsFor(h, 'dunning.final_warning', p.user.id)).toHaveLength(1);
    expect(await eventsFor(h, 'dunning.started', p.user.id)).toHaveLength(1);
  });

  it('opens no case for an invoice whose payment arrived before its failure', async () => {
    const p = await payingUser();
    const now = Math.floor(h.clock() / 1000);
    await pay(p, now);
    await fail(p, 1, now - 3600);
    await expect(stored(p)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await p.caller.subscriptions.getMine()).dunning).toBeNull();
    expect(await mails(p)).toEqual([]);
    expect(await eventsFor(h, 'dunning.started', p.user.id)).toEqual([]);
  });

  it("uses the plan's grace days: with 0 the next daily run downgrades", async () => {
    const p = await payingUser('enterprise');
    await fail(p, 1);
    expect(await stored(p)).toMatchObject({ graceDays: 0, plan: 'enterprise' });
    expect((await p.caller.subscriptions.getMine()).dunning).toMatchObject({ daysLeft: 0 });
    expect(await runJob()).toMatchObject({ downgraded: 1 });
    expect((await p.caller.subscriptions.getMine()).subscription.planCode).toBe('free');
    expect(await eventsFor(h, 'dunning.downgraded', p.user.id)).toEqual([
      expect.objectContaining({ stage: 'started', plan: 'enterprise' }),
    ]);
  });

  it('keeps a case open when Stripe cannot stop the subscription, and downgrades on a later run', async () => {
    // Cases the tests above left open are due too; close them first, so this run's counts are this case's.
    h.advance(8 * DAY);
    await runJob();
    const q = await payingUser();
    await patchSubscription(h, q.user.id, { stripeSubscriptionId: 'sub_unavailable' });
    await fail(q, 1);
    h.advance(7 * DAY);
    expect(await runJob()).toMatchObject({ downgraded: 0, failed: 1 });
    expect(await stored(q)).toMatchObject({ stage: 'started', open: true });
    expect((await q.caller.subscriptions.getMine()).subscription.planCode).toBe('pro');
    // Stripe is back (its subscription was canceled from its dashboard meanwhile: the fake answers 404).
    await patchSubscription(h, q.user.id, { stripeSubscriptionId: 'sub_missing' });
    expect(await runJob()).toMatchObject({ downgraded: 1, failed: 0 });
    expect(await stored(q)).toMatchObject({ stage: 'downgraded' });
  });

  it('lists cases by stage with days left, and charts recovered revenue per day', async () => {
    const admin = await h.signIn(['admin']);
    const open = await payingUser();
    await fail(open, 1);
    const recovered = await payingUser();
    await fail(recovered, 1);
    await pay(recovered);
    const list = await admin.caller.dunning.list({ stage: 'open' });
    expect(list.items.map((c) => c.id)).toContain(open.invoice);
    expect(list.items.every((c) => c.open && c.daysLeft === 7)).toBe(true);
    const recoveredList = await admin.caller.dunning.list({ stage: 'recovered' });
    expect(recoveredList.items.map((c) => c.id)).toContain(recovered.invoice);
    const stats = await admin.caller.dunning.stats({ days: 30 });
    expect(stats.recovered).toHaveLength(30);
    const today = stats.recovered.at(-1);
    expect(today?.day).toBe(new Date(h.clock()).toISOString().slice(0, 10));
    expect(today?.amounts.eur).toBeGreaterThanOrEqual(1200);
    expect(stats.byStage.recovered).toBeGreaterThanOrEqual(1);
    expect(stats.recoveryRate).toBeGreaterThan(0);
    const one = await admin.caller.dunning.get({ invoiceId: open.invoice });
    expect(one).toMatchObject({
      stage: 'started',
      mails: [expect.objectContaining({ template: 'payment-failed' })],
    });
  });

  it("erases a deleted user's cases", async () => {
    const p = await payingUser();
    await fail(p, 1);
    const admin = await h.signIn(['admin']);
    await admin.caller.users.delete({ id: p.user.id });
    await h.services.bus.drain();
    await expect(stored(p)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
