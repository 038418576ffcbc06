import type { TDunningBanner } from '../modules/billing/subscriptions/schema';

/**
 * The in-app dunning banner a client reads with the user's subscription. Dunning is its own module, built after
 * billing (it moves subscriptions to the free plan), so billing gets this handle, which services.ts binds to the
 * dunning service once it exists.
 */
export type DunningBanner = { of(productId: string, userId: string): Promise<TDunningBanner | null> };

export const createDunningBannerSlot = () => {
  let target: DunningBanner['of'] | undefined;
  return {
    // Unbound only while the platform is being built, before any request is served.
    of: (productId: string, userId: string) =>
      target
        ? target(productId, userId)
        : Promise.reject(new Error('The dunning banner is not available before the platform is built')),
    bind(of: DunningBanner['of']) {
      target = of;
    },
  };
};
