import type { ContainerDef } from '../document-store';

/** Billing: plans, subscriptions, payments and the Stripe webhook's idempotency record. */
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
} as const satisfies Record<string, ContainerDef>;
