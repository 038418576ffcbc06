import type { Services } from '@bytelyst/routers/services';
import { STRIPE_TEST_CONFIG, startFakeStripe } from '@bytelyst/routers/testing/fake-stripe';

/**
 * Points billing at a loopback Stripe server for the browser suite (the promo codes journey creates and
 * switches off codes there), unless the run names a Stripe of its own. Runs before the env is read.
 */
export const startE2eStripe = async (): Promise<void> => {
  if (process.env.STRIPE_SECRET_KEY) return;
  const fake = await startFakeStripe();
  process.env.STRIPE_SECRET_KEY = STRIPE_TEST_CONFIG.stripeSecretKey;
  process.env.STRIPE_API_BASE = fake.url;
  process.env.STRIPE_WEBHOOK_SECRET ??= STRIPE_TEST_CONFIG.stripeWebhookSecret;
};

/** The promo code promos.spec.ts finds in the list already redeemed once. */
export const E2E_PROMO_CODE = 'LAUNCH20';

/**
 * One promo code in the default product, redeemed once on a seeded user's Stripe subscription, so the
 * console's list shows a redemption count Stripe counted.
 */
export const seedPromos = async (services: Services): Promise<void> => {
  const productId = services.config.defaultProductId;
  const email = 'e2e-promo-user@bytelyst.test';
  if (await services.users.findByEmail(productId, email)) return;
  await services.promos.create(
    productId,
    {
      code: E2E_PROMO_CODE,
      percentOff: 20,
      duration: 'once',
      maxRedemptions: 100,
      firstTimeOnly: false,
      plans: [],
    },
    'system',
  );
  const user = await services.users.create(productId, {
    email,
    name: 'Pat Promo',
    password: 'e2e-promo-password-123',
    roles: ['user'],
    emailVerified: true,
  });
  await services.billing.subscriptions.ensureForUser(productId, user.id);
  await services.billing.subscriptions.mutate(productId, user.id, (current) => ({
    ...current,
    stripeSubscriptionId: 'sub_e2e_promo',
  }));
  await services.promos.redeem(productId, user.id, E2E_PROMO_CODE);
};
