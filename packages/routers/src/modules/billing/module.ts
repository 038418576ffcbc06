import type { ModuleDeps } from '../../module-deps';
import type { BillingConfig } from './config';
import { createEntitlements } from './entitlements';
import { createSubscriptionsPart } from './subscriptions/module';
import { createUsagePart } from './usage/module';

/**
 * Billing: plans, subscriptions and Stripe (one part), usage and quotas (another). Other modules read what a
 * user is entitled to through `entitlements`.
 */
export const createBillingModule = (deps: ModuleDeps & { config: BillingConfig }) => {
  const entitlements = createEntitlements(deps.store);
  return {
    entitlements,
    ...createSubscriptionsPart({ ...deps, entitlements }),
    ...createUsagePart({ ...deps, entitlements }),
  };
};

export type BillingModule = ReturnType<typeof createBillingModule>;
