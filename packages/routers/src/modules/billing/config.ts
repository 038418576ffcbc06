/** Stripe settings; without a secret key the Stripe endpoints answer 503 (UNAVAILABLE). */
export type BillingConfig = {
  stripeSecretKey?: string;
  stripeWebhookSecret?: string;
};
