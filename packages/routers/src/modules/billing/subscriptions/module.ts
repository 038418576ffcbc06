import type { DunningBanner } from '../../../lib/dunning-banner';
import type { ModuleParts, PlatformDeps } from '../../../module';
import type { Entitlements } from '../entitlements';
import { createPlansRepository } from '../plans/repository';
import { createPlansService } from '../plans/service';
import { createStripeRepository } from '../stripe/repository';
import { createStripeService } from '../stripe/service';
import { subscriptionOnRegistration, subscriptionOnUserDeleted } from './handlers';
import { createSubscriptionsRepository } from './repository';
import { createSubscriptionsService } from './service';
import { createTrialExpirationJob } from './trial-expiration-job';

/** Plans, subscriptions and Stripe: their services, subscribers and jobs, as part of the billing module. */
export const buildSubscriptions = (
  deps: PlatformDeps & { entitlements: Entitlements; dunning: DunningBanner },
) => {
  const repo = createSubscriptionsRepository(deps.store);
  const plans = createPlansService({
    repo: createPlansRepository(deps.store),
    subscriptions: repo,
    clock: deps.clock,
  });
  const subscriptions = createSubscriptionsService({
    repo,
    plans,
    clock: deps.clock,
    bus: deps.bus,
    dunning: deps.dunning,
    // Late-bound: the Stripe service below needs the subscriptions service itself.
    remote: {
      cancel: (subscription, atPeriodEnd) => stripe.cancelRemote(subscription, atPeriodEnd),
      changePrice: (subscription, priceId) => stripe.changeRemotePrice(subscription, priceId),
    },
  });
  const stripe = createStripeService({
    repo: createStripeRepository(deps.store),
    subscriptions,
    plans,
    bus: deps.bus,
    clock: deps.clock,
    config: deps.config.billing ?? {},
  });
  return {
    service: { plans, subscriptions, stripe },
    subscribers: [
      subscriptionOnRegistration(subscriptions),
      subscriptionOnUserDeleted({ subscriptions, repo }),
    ],
    jobs: [createTrialExpirationJob({ repo, subscriptions, plans, stripe, bus: deps.bus })],
  } satisfies ModuleParts<unknown>;
};
