import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trpcErrorOf } from '../../../testing/expect-error';
import { type FakeStripe, STRIPE_TEST_CONFIG, startFakeStripe } from '../../../testing/fake-stripe';
import { createTestHarness, type TestHarness } from '../../../testing/harness';
import { signedEvent } from '../../../testing/stripe';
import { eventsFor, patchSubscription } from '../../../testing/subscriptions';
import { BILLING_CONTAINERS } from '../containers';
import type { TPayment } from './schema';

describe('stripe without keys', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await createTestHarness();
  });
  afterAll(async () => h.close());

  it('answers 503 UNAVAILABLE with a clear message', async () => {
    const plain = await h.callerFor('user');
    const error = await trpcErrorOf(() => plain.stripe.createPortalSession());
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).toMatch(/STRIPE_SECRET_KEY/);
    const { user, caller } = await h.signIn(['user']);
    await h.services.billing.subscriptions.ensureForUser('platform', user.id);
    await patchSubscription(h, user.id, { stripeSubscriptionId: 'sub_unreachable' });
    expect((await trpcErrorOf(() => caller.subscriptions.cancelMine())).code).toBe('SERVICE_UNAVAILABLE');
    expect((await caller.subscriptions.getMine()).subscription).toMatchObject({
      cancelAtPeriodEnd: false,
      status: 'active',
    });
    await expect(h.services.billing.stripe.handleWebhook('{}', 't=1,v1=x')).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/STRIPE_WEBHOOK_SECRET/),
    });
  });
});

describe('stripe', () => {
  let h: TestHarness;
  let fake: FakeStripe;
  beforeAll(async () => {
    fake = await startFakeStripe();
    h = await createTestHarness({ config: { billing: { ...STRIPE_TEST_CONFIG, stripeApiBase: fake.url } } });
    await (await h.signIn(['admin'])).caller.plans.update({
      code: 'pro',
      stripePriceId: 'price_pro_monthly',
    });
  });
  afterAll(async () => {
    await h.close();
    await fake.stop();
  });

  const newUser = async () => {
    const signed = await h.signIn(['user']);
    await h.services.bus.drain();
    return signed;
  };
  const webhook = (e: { payload: string; header: string }) =>
    h.services.billing.stripe.handleWebhook(Buffer.from(e.payload), e.header);

  it('opens a billing-portal session, creating the Stripe customer once', async () => {
    const { user, caller } = await newUser();
    fake.requests.length = 0;
    const { url } = await caller.stripe.createPortalSession();
    expect(url).toBe('https://billing.stripe.test/p/session/cus_test_1');
    const [customer, session] = fake.requests;
    expect(customer).toMatchObject({
      method: 'POST',
      path: '/v1/customers',
      form: { email: user.email, 'metadata[productId]': 'platform', 'metadata[userId]': user.id },
    });
    expect(customer?.headers.authorization).toBe('Bearer sk_test_loopback');
    expect(customer?.headers['idempotency-key']).toBe(`customer:platform:${user.id}`);
    expect(session).toMatchObject({
      method: 'POST',
      path: '/v1/billing_portal/sessions',
      form: { customer: 'cus_test_1', return_url: 'https://app.example.com/account' },
    });
    const again = await caller.stripe.createPortalSession({ returnUrl: 'https://app.example.com/back' });
    expect(again.url).toContain('cus_test_1');
    expect(fake.requests.map((r) => r.path)).toEqual([
      '/v1/customers',
      '/v1/billing_portal/sessions',
      '/v1/billing_portal/sessions',
    ]);
    expect(fake.requests[2]?.form.return_url).toBe('https://app.example.com/back');
    const { subscription } = await caller.subscriptions.getMine();
    expect(subscription.stripeCustomerId).toBe('cus_test_1');
    const anon = await h.anonymous();
    expect((await trpcErrorOf(() => anon.stripe.createPortalSession())).code).toBe('UNAUTHORIZED');
  });

  it('refuses tampered, stale, unsigned and unsigned-looking bodies', async () => {
    const good = signedEvent(h, 'invoice.created', { id: 'in_x' });
    const tampered = { ...good, payload: good.payload.replace('in_x', 'in_y') };
    await expect(webhook(tampered)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /does not match/ });
    const stale = signedEvent(h, 'invoice.created', { id: 'in_x' }, 301);
    await expect(webhook(stale)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /tolerance/ });
    await expect(h.services.billing.stripe.handleWebhook(good.payload, undefined)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    const recent = signedEvent(h, 'invoice.created', { id: 'in_x' }, 299);
    expect(await webhook(recent)).toMatchObject({ duplicate: false, outcome: 'ignored: unhandled type' });
  });

  it('maps invoice.payment_succeeded onto a payment, once per event id', async () => {
    const { user } = await newUser();
    const invoice = {
      id: 'in_paid_1',
      object: 'invoice',
      customer: 'cus_paid',
      currency: 'usd',
      amount_paid: 1200,
      amount_due: 1200,
      attempt_count: 1,
      parent: {
        subscription_details: {
          subscription: 'sub_paid',
          metadata: { productId: 'platform', userId: user.id },
        },
      },
    };
    const event = signedEvent(h, 'invoice.payment_succeeded', invoice);
    expect(await webhook(event)).toMatchObject({ duplicate: false, outcome: 'payment succeeded' });
    expect(await webhook(event)).toMatchObject({ duplicate: true });
    await Promise.all([webhook(event), webhook(event)]);
    const payment = await h.store
      .container<TPayment>(BILLING_CONTAINERS.payments.name)
      .read('in_paid_1', 'platform');
    expect(payment).toMatchObject({ userId: user.id, amount: 1200, status: 'succeeded', attemptCount: 1 });
    expect(await eventsFor(h, 'payment.succeeded', user.id)).toEqual([
      {
        invoiceId: 'in_paid_1',
        amount: 1200,
        userId: user.id,
        // What dunning orders an invoice's events by.
        attemptCount: 1,
        amountDue: 1200,
        currency: 'usd',
        stripeEventAt: new Date(h.clock()).toISOString(),
        stripeSubscriptionId: 'sub_paid',
      },
    ]);
    const { subscription } = await h.services.billing.subscriptions.get('platform', user.id);
    expect(subscription).toMatchObject({ stripeCustomerId: 'cus_paid', stripeSubscriptionId: 'sub_paid' });
  });

  it('maps invoice.payment_failed (found by the stored customer id) and marks the subscription past due', async () => {
    const { user } = await newUser();
    await patchSubscription(h, user.id, { stripeCustomerId: 'cus_failing' });
    const failed = signedEvent(h, 'invoice.payment_failed', {
      id: 'in_fail_1',
      customer: 'cus_failing',
      currency: 'eur',
      amount_paid: 0,
      amount_due: 4900,
      attempt_count: 3,
    });
    expect(await webhook(failed)).toMatchObject({ outcome: 'payment failed' });
    expect(await eventsFor(h, 'payment.failed', user.id)).toEqual([
      {
        invoiceId: 'in_fail_1',
        amount: 4900,
        userId: user.id,
        retryCount: 2,
        currency: 'eur',
        nextRetryAt: null,
        hostedInvoiceUrl: null,
        attemptCount: 3,
        amountDue: 4900,
        stripeEventAt: new Date(h.clock()).toISOString(),
        stripeSubscriptionId: null,
      },
    ]);
    const { subscription } = await h.services.billing.subscriptions.get('platform', user.id);
    expect(subscription.status).toBe('past_due');
    expect(await eventsFor(h, 'subscription.changed', user.id)).toEqual([
      { subscriptionId: user.id, oldPlan: 'free', newPlan: 'free', status: 'past_due' },
    ]);
    const paid = signedEvent(h, 'invoice.payment_succeeded', {
      id: 'in_fail_1',
      customer: 'cus_failing',
      currency: 'eur',
      amount_paid: 4900,
      attempt_count: 4,
    });
    await webhook(paid);
    const payment = await h.store
      .container<TPayment>(BILLING_CONTAINERS.payments.name)
      .read('in_fail_1', 'platform');
    expect(payment).toMatchObject({
      status: 'succeeded',
      amount: 4900,
      attemptCount: 4,
      lastEventId: paid.id,
    });
    expect((await h.services.billing.subscriptions.get('platform', user.id)).subscription.status).toBe(
      'active',
    );
  });

  it('maps customer.subscription.updated: plan by Stripe price, status, period and trial', async () => {
    const { user } = await newUser();
    const start = Math.floor(h.clock() / 1000);
    const updated = signedEvent(h, 'customer.subscription.updated', {
      id: 'sub_upd',
      object: 'subscription',
      customer: 'cus_upd',
      status: 'active',
      cancel_at_period_end: false,
      trial_end: null,
      metadata: { productId: 'platform', userId: user.id },
      items: {
        data: [
          {
            price: { id: 'price_pro_monthly' },
            current_period_start: start,
            current_period_end: start + 30 * 86400,
          },
        ],
      },
    });
    expect(await webhook(updated)).toMatchObject({ outcome: 'subscription active' });
    const { subscription } = await h.services.billing.subscriptions.get('platform', user.id);
    expect(subscription).toMatchObject({
      planCode: 'pro',
      status: 'active',
      stripeSubscriptionId: 'sub_upd',
      stripeCustomerId: 'cus_upd',
      currentPeriodEnd: new Date((start + 30 * 86400) * 1000).toISOString(),
    });
    expect(subscription.history.at(-1)).toMatchObject({ fromPlan: 'free', toPlan: 'pro', actorId: null });
    expect(await eventsFor(h, 'subscription.changed', user.id)).toEqual([
      { subscriptionId: user.id, oldPlan: 'free', newPlan: 'pro', status: 'active' },
    ]);

    // Found by the stored Stripe subscription id (no metadata); an unknown price keeps the plan.
    const pastDue = signedEvent(h, 'customer.subscription.updated', {
      id: 'sub_upd',
      customer: 'cus_upd',
      status: 'unpaid',
      cancel_at_period_end: true,
      items: { data: [{ price: { id: 'price_unknown' } }] },
    });
    await webhook(pastDue);
    const after = (await h.services.billing.subscriptions.get('platform', user.id)).subscription;
    expect(after).toMatchObject({ planCode: 'pro', status: 'past_due', cancelAtPeriodEnd: true });
  });

  it('maps customer.subscription.deleted onto a canceled subscription and subscription.canceled', async () => {
    const { user } = await newUser();
    await patchSubscription(h, user.id, { stripeSubscriptionId: 'sub_del' });
    const deleted = signedEvent(h, 'customer.subscription.deleted', {
      id: 'sub_del',
      customer: 'cus_del',
      status: 'canceled',
      cancellation_details: { reason: 'payment_failed' },
    });
    expect(await webhook(deleted)).toMatchObject({ outcome: 'subscription canceled' });
    const { subscription } = await h.services.billing.subscriptions.get('platform', user.id);
    expect(subscription).toMatchObject({ status: 'canceled', cancelReason: 'stripe: payment_failed' });
    expect(await eventsFor(h, 'subscription.canceled', user.id)).toEqual([
      { subscriptionId: user.id, userId: user.id, reason: 'stripe: payment_failed' },
    ]);
    const redelivered = signedEvent(h, 'customer.subscription.deleted', {
      id: 'sub_del',
      status: 'canceled',
    });
    expect(await webhook(redelivered)).toMatchObject({ outcome: 'unchanged' });
    expect(await eventsFor(h, 'subscription.canceled', user.id)).toHaveLength(1);
  });

  it('acknowledges events it cannot place, and refuses malformed ones so Stripe retries', async () => {
    const orphan = signedEvent(h, 'invoice.payment_succeeded', { id: 'in_orphan', customer: 'cus_nobody' });
    expect(await webhook(orphan)).toMatchObject({ outcome: 'ignored: no matching subscription' });
    const broken = signedEvent(h, 'customer.subscription.updated', { customer: 'cus_nobody' });
    await expect(webhook(broken)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const stored = await h.store.container(BILLING_CONTAINERS.stripeEvents.name).read(broken.id, broken.id);
    expect(stored).toBeUndefined();
  });

  it('mirrors cancellations of a linked subscription onto Stripe before changing anything here', async () => {
    const { user, caller } = await newUser();
    await patchSubscription(h, user.id, {
      stripeSubscriptionId: 'sub_linked',
      stripeCustomerId: 'cus_linked',
    });
    fake.requests.length = 0;
    await caller.subscriptions.cancelMine({ atPeriodEnd: true, reason: 'too pricey' });
    expect(fake.requests).toMatchObject([
      { method: 'POST', path: '/v1/subscriptions/sub_linked', form: { cancel_at_period_end: 'true' } },
    ]);
    const admin = await h.signIn(['admin']);
    await admin.caller.subscriptions.cancel({ userId: user.id, atPeriodEnd: false });
    expect(fake.requests.at(-1)).toMatchObject({ method: 'DELETE', path: '/v1/subscriptions/sub_linked' });
    expect((await caller.subscriptions.getMine()).subscription.status).toBe('canceled');
    // Stripe then confirms; nothing is applied twice.
    const confirmed = signedEvent(h, 'customer.subscription.deleted', {
      id: 'sub_linked',
      status: 'canceled',
    });
    expect(await webhook(confirmed)).toMatchObject({ outcome: 'unchanged' });
    expect(await eventsFor(h, 'subscription.canceled', user.id)).toHaveLength(2);

    const gone = await newUser();
    await patchSubscription(h, gone.user.id, { stripeSubscriptionId: 'sub_missing' });
    const view = await gone.caller.subscriptions.cancelMine({ atPeriodEnd: false });
    expect(view.subscription.status).toBe('canceled');
  });

  it('moves a linked subscription to the new plan’s Stripe price, prorated, before changing it here', async () => {
    const { user, caller } = await newUser();
    await patchSubscription(h, user.id, { stripeSubscriptionId: 'sub_upgrade', stripeCustomerId: 'cus_up' });
    const admin = await h.signIn(['admin']);
    fake.requests.length = 0;
    const view = await admin.caller.subscriptions.changePlan({ userId: user.id, planCode: 'pro' });
    expect(view.subscription.planCode).toBe('pro');
    expect(fake.requests).toMatchObject([
      { method: 'GET', path: '/v1/subscriptions/sub_upgrade' },
      {
        method: 'POST',
        path: '/v1/subscriptions/sub_upgrade',
        form: {
          'items[0][id]': 'si_sub_upgrade',
          'items[0][price]': 'price_pro_monthly',
          proration_behavior: 'create_prorations',
          cancel_at_period_end: 'false',
        },
      },
    ]);
    expect(fake.requests[1]?.headers['idempotency-key']).toMatch(/^price:sub_upgrade:price_pro_monthly:/);

    // A plan Stripe cannot bill is refused, naming the field, and nothing moves on either side.
    fake.requests.length = 0;
    await expect(
      admin.caller.subscriptions.changePlan({ userId: user.id, planCode: 'enterprise' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('no Stripe price') });
    expect(fake.requests).toEqual([]);
    expect((await caller.subscriptions.getMine()).subscription.planCode).toBe('pro');

    // Stripe unreachable: 503 and the plan stays.
    await patchSubscription(h, user.id, { stripeSubscriptionId: 'sub_missing' });
    await expect(
      admin.caller.subscriptions.changePlan({ userId: user.id, planCode: 'free' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await admin.caller.plans.update({ code: 'free', stripePriceId: 'price_free' });
    await expect(
      admin.caller.subscriptions.changePlan({ userId: user.id, planCode: 'free' }),
    ).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect((await caller.subscriptions.getMine()).subscription.planCode).toBe('pro');
    await admin.caller.plans.update({ code: 'free', stripePriceId: null });
  });

  it('lists a user’s payments for admins', async () => {
    const admin = await h.signIn(['admin']);
    const { user } = await newUser();
    await patchSubscription(h, user.id, { stripeCustomerId: 'cus_list' });
    for (const n of [1, 2]) {
      h.advance(1000);
      await webhook(
        signedEvent(h, 'invoice.payment_succeeded', {
          id: `in_list_${n}`,
          customer: 'cus_list',
          amount_paid: n,
        }),
      );
    }
    const page = await admin.caller.stripe.listPayments({ userId: user.id });
    expect(page.items.map((p) => p.id)).toEqual(['in_list_2', 'in_list_1']);
    const plain = await h.callerFor('user');
    expect((await trpcErrorOf(() => plain.stripe.listPayments({ userId: user.id }))).code).toBe('FORBIDDEN');
  });
});
