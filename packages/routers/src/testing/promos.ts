import { BILLING_CONTAINERS } from '../modules/billing/containers';
import type { TPayment } from '../modules/billing/stripe/schema';
import { createPlan, subscribe } from './billing';
import { type FakeStripe, STRIPE_TEST_CONFIG, startFakeStripe } from './fake-stripe';
import { createTestHarness, type TestHarness } from './harness';
import { patchSubscription } from './subscriptions';

/**
 * Test-only: a platform whose billing talks to the loopback Stripe server, which judges expiry on the
 * harness clock; plans `pro` and `team` exist.
 */
export const startPromoHarness = async (): Promise<{ h: TestHarness; fake: FakeStripe }> => {
  let h: TestHarness | undefined;
  const fake = await startFakeStripe({ clock: () => h?.clock() ?? Date.now() });
  h = await createTestHarness({ config: { billing: { ...STRIPE_TEST_CONFIG, stripeApiBase: fake.url } } });
  await createPlan(h, 'pro');
  await createPlan(h, 'team');
  return { h, fake };
};

/** Test-only: a signed-in user on `plan`, billed through the Stripe subscription `stripeSubscriptionId` if given. */
export const promoCustomer = async (h: TestHarness, plan: string, stripeSubscriptionId?: string) => {
  const signed = await h.signIn(['user']);
  await subscribe(h, signed.user.id, plan);
  if (stripeSubscriptionId) await patchSubscription(h, signed.user.id, { stripeSubscriptionId });
  return signed;
};

/** Test-only: a succeeded invoice payment of the user, so they are no longer a first-time customer. */
export const recordPayment = async (h: TestHarness, userId: string) => {
  const at = new Date(h.clock()).toISOString();
  const payment: TPayment = {
    id: `in_paid_${userId}`,
    productId: 'platform',
    userId,
    amount: 1200,
    currency: 'usd',
    status: 'succeeded',
    attemptCount: 1,
    stripeCustomerId: null,
    stripeSubscriptionId: null,
    lastEventId: `evt_${userId}`,
    at,
    createdAt: at,
  };
  await h.store.container<TPayment>(BILLING_CONTAINERS.payments.name).upsert(payment);
};
