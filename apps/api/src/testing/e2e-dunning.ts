import type { Services } from '@bytelyst/routers/services';

/** The plan dunning.spec.ts puts its accounts on: its grace period is 0 days. */
export const E2E_DUNNING_PLAN = 'enterprise';

/**
 * The dunning journey walks an account to the downgrade without moving the server's clock: the default product's
 * enterprise plan gives 0 grace days, so the daily grace check, run from /ops/jobs, finds the case due at once.
 * No other spec reads a plan's grace days.
 */
export const seedDunning = async (services: Services): Promise<void> => {
  const productId = services.config.defaultProductId;
  await services.billing.plans.update(productId, { code: E2E_DUNNING_PLAN, dunningGraceDays: 0 });
};
