import type { DunningBanner } from '../../lib/dunning-banner';
import { defineModule } from '../../module';
import { BILLING_CONTAINERS } from './containers';
import { createEntitlements } from './entitlements';
import { stripeWebhookRoute } from './stripe/webhook-route';
import { buildSubscriptions } from './subscriptions/module';
import { buildUsage } from './usage/module';

/**
 * Billing: plans, subscriptions and Stripe (one part), usage and quotas (another). Other modules read what a
 * user is entitled to through `entitlements`.
 */
export const billingModule = defineModule({
  name: 'billing',
  containers: BILLING_CONTAINERS,
  create: (deps, needs: { dunningBanner: DunningBanner }) => {
    const entitlements = createEntitlements(deps.store);
    const subscriptions = buildSubscriptions({ ...deps, entitlements, dunning: needs.dunningBanner });
    const usage = buildUsage({ ...deps, entitlements });
    return {
      service: { entitlements, ...subscriptions.service, ...usage.service },
      subscribers: subscriptions.subscribers,
      jobs: [...subscriptions.jobs, ...usage.jobs],
      routes: [stripeWebhookRoute(subscriptions.service.stripe)],
    };
  },
});

export type BillingService = ReturnType<typeof billingModule.create>['service'];
