/** Stripe settings; without a secret key the Stripe endpoints answer 503 (UNAVAILABLE). */
export type BillingConfig = {
  /** `sk_...`: API calls (billing portal sessions, customers, subscription look-ups). */
  stripeSecretKey?: string;
  /** `whsec_...`: verifies the inbound webhook's `Stripe-Signature` header. */
  stripeWebhookSecret?: string;
  /** Where the Stripe client sends requests, e.g. `http://127.0.0.1:12111` for a loopback stand-in; default api.stripe.com. */
  stripeApiBase?: string;
  /** Where the billing portal sends the customer back to. */
  portalReturnUrl?: string;
  /** Accepted age of a webhook signature, in seconds; default 300. */
  webhookToleranceSeconds?: number;
};
