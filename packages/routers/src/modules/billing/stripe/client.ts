import Stripe from 'stripe';
import type { BillingConfig } from '../config';

/**
 * A Stripe client for the configured secret key, or null when none is set. `stripeApiBase` points it elsewhere
 * (a loopback server in tests); retries are off so a failing call surfaces at once as a 503.
 */
export const createStripeClient = (config: BillingConfig): Stripe | null => {
  if (!config.stripeSecretKey) return null;
  const base = config.stripeApiBase ? new URL(config.stripeApiBase) : null;
  return new Stripe(config.stripeSecretKey, {
    maxNetworkRetries: 0,
    timeout: 10_000,
    telemetry: false,
    ...(base
      ? {
          host: base.hostname,
          port: base.port || (base.protocol === 'http:' ? 80 : 443),
          protocol: base.protocol === 'http:' ? 'http' : 'https',
        }
      : {}),
  });
};
