import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { failEmitsOf, settledEventsAbout } from '../../../testing/billing';
import { STRIPE_TEST_CONFIG } from '../../../testing/fake-stripe';
import { createTestHarness, type TestHarness } from '../../../testing/harness';
import { signedEvent } from '../../../testing/stripe';

type Signed = Awaited<ReturnType<TestHarness['signIn']>>;

describe('subscriptions: events commit with their change', () => {
  let h: TestHarness;
  let admin: Signed;
  beforeAll(async () => {
    h = await createTestHarness({ config: { billing: STRIPE_TEST_CONFIG } });
    admin = await h.signIn(['admin']);
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => h.close());

  const newUser = async () => {
    const signed = await h.signIn(['user']);
    await h.services.bus.drain();
    return signed.user;
  };

  it('of two racing plan changes one lands with its event, the other is refused and leaves none', async () => {
    const user = await newUser();
    const results = await Promise.allSettled([
      admin.caller.subscriptions.changePlan({ userId: user.id, planCode: 'pro' }),
      admin.caller.subscriptions.changePlan({ userId: user.id, planCode: 'pro' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT' } });

    expect(await settledEventsAbout(h, 'subscription.changed', user.id)).toEqual([
      { subscriptionId: user.id, oldPlan: 'free', newPlan: 'pro', status: 'active' },
    ]);
    const { subscription } = await admin.caller.subscriptions.get({ userId: user.id });
    expect(subscription.history.map((entry) => entry.toPlan)).toEqual(['free', 'pro']);
  });

  it('records creation, payment, status and cancellation events without a separate emit', async () => {
    const refusedEmits = failEmitsOf(h, ['subscription.', 'payment.']);
    const user = await newUser();
    const failed = signedEvent(h, 'invoice.payment_failed', {
      id: `in_atomic_${user.id}`,
      customer: 'cus_atomic',
      currency: 'usd',
      amount_paid: 0,
      amount_due: 900,
      attempt_count: 1,
      parent: { subscription_details: { metadata: { productId: 'platform', userId: user.id } } },
    });
    const outcome = await h.services.billing.stripe.handleWebhook(Buffer.from(failed.payload), failed.header);
    expect(outcome).toMatchObject({ outcome: 'payment failed' });
    await admin.caller.subscriptions.cancel({ userId: user.id, atPeriodEnd: false, reason: 'atomic' });

    const about = (type: string) => settledEventsAbout(h, type, user.id);
    expect(await about('subscription.created')).toHaveLength(1);
    expect(await about('payment.failed')).toEqual([
      {
        invoiceId: `in_atomic_${user.id}`,
        amount: 900,
        userId: user.id,
        retryCount: 0,
        currency: 'usd',
        nextRetryAt: null,
        hostedInvoiceUrl: null,
        attemptCount: 1,
        amountDue: 900,
        stripeEventAt: expect.any(String),
        stripeSubscriptionId: null,
      },
    ]);
    expect(await about('subscription.changed')).toEqual([
      { subscriptionId: user.id, oldPlan: 'free', newPlan: 'free', status: 'past_due' },
    ]);
    expect(await about('subscription.canceled')).toEqual([
      { subscriptionId: user.id, userId: user.id, reason: 'atomic' },
    ]);
    expect(refusedEmits).toEqual([]);
  });
});
