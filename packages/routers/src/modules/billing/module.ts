import type { ModuleDeps } from '../../module-deps';

/** Stripe settings; without a secret key the Stripe endpoints answer 503 (UNAVAILABLE). */
export type BillingConfig = {
  stripeSecretKey?: string;
  stripeWebhookSecret?: string;
};

export const createBillingModule = (_deps: ModuleDeps & { config: BillingConfig }) => ({});

export type BillingModule = ReturnType<typeof createBillingModule>;
