import type { ModuleDeps } from '../../../module-deps';
import type { BillingConfig } from '../config';
import type { Entitlements } from '../entitlements';

/** Plans, subscriptions and Stripe: wires their services, subscribers and jobs. */
export const createSubscriptionsPart = (
  _deps: ModuleDeps & { config: BillingConfig; entitlements: Entitlements },
) => ({});
