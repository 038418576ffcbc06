import type { ContainerDef } from '@bytelyst/db/document-store';

/** The containers this module owns; created at start-up with every other module's (see services.ts). */
export const BILLING_CONTAINERS = {
  plans: { name: 'plans', partitionKey: ['productId'], indexes: [['code'], ['sortOrder']] },
  /** One subscription per user and product; id = userId. */
  subscriptions: {
    name: 'subscriptions',
    partitionKey: ['productId'],
    indexes: [
      ['userId'],
      ['status', 'currentPeriodEnd'],
      ['planCode', 'createdAt'],
      ['createdAt'],
      ['stripeSubscriptionId'],
      ['stripeCustomerId'],
      ['currentPeriodEnd'],
      ['trialEnd'],
      ['updatedAt'],
    ],
  },
  /** One payment per Stripe invoice; id = invoice id. */
  payments: {
    name: 'payments',
    partitionKey: ['productId'],
    indexes: [['userId', 'at'], ['at'], ['userId']],
  },
  /** Stripe event ids already applied (pk the event id), so a redelivered webhook is applied once. */
  stripeEvents: { name: 'stripe_events', partitionKey: ['id'], defaultTtl: 90 * 24 * 60 * 60 },
  /**
   * Daily counters (`kind: 'day'`, id `day:userId:metric:yyyy-mm-dd`) and the idempotency receipts of recorded
   * usage (`kind: 'receipt'`, per-document TTL). Both live in one container so that incrementing a counter and
   * writing its receipt is one transactional batch: a retried record can never count twice.
   */
  usageDaily: {
    name: 'usage_daily',
    partitionKey: ['productId'],
    indexes: [['userId', 'day'], ['metric', 'day'], ['day'], ['kind', 'at']],
  },
  /**
   * Closed periods: per-user monthly totals (`kind: 'month'`), quota-exceeded flags (`kind: 'flag'`, one per
   * user, metric and period) and the markers of months already closed by the usage-quota-reset job.
   */
  usagePeriods: {
    name: 'usage_periods',
    partitionKey: ['productId'],
    indexes: [
      ['userId', 'period'],
      ['kind', 'periodEnd'],
    ],
  },
} as const satisfies Record<string, ContainerDef>;
