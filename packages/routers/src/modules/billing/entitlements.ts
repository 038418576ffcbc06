import type { DocumentStore } from '@bytelyst/db/document-store';
import { createPlansRepository } from './plans/repository';
import type { TPlan } from './plans/schema';
import { createSubscriptionsRepository } from './subscriptions/repository';
import { ENTITLED_STATUSES, type TSubscription } from './subscriptions/schema';

export type Entitlement = {
  /** The user's subscription, if they have one. */
  subscription: TSubscription | null;
  /**
   * The plan whose quotas and features apply: the subscription's while it is trialing, active or past due,
   * else the product's default plan; null only when the product has no plans at all.
   */
  plan: TPlan | null;
};

/**
 * What a user of a product is entitled to, read by other modules (usage quotas, license device limits)
 * without reaching into billing's containers themselves.
 */
export const createEntitlements = (store: DocumentStore) => {
  const plans = createPlansRepository(store);
  const subscriptions = createSubscriptionsRepository(store);
  const defaultPlan = async (productId: string): Promise<TPlan | null> => {
    const all = await plans.all(productId);
    return all.find((plan) => plan.isDefault && !plan.archived) ?? all.find((plan) => plan.isDefault) ?? null;
  };
  return {
    defaultPlan,
    plan: async (productId: string, code: string): Promise<TPlan | null> =>
      (await plans.get(productId, code)) ?? null,
    async forUser(productId: string, userId: string): Promise<Entitlement> {
      const subscription = (await subscriptions.get(productId, userId)) ?? null;
      if (subscription && ENTITLED_STATUSES.includes(subscription.status)) {
        const plan = await plans.get(productId, subscription.planCode);
        if (plan) return { subscription, plan };
      }
      return { subscription, plan: await defaultPlan(productId) };
    },
  };
};

export type Entitlements = ReturnType<typeof createEntitlements>;
