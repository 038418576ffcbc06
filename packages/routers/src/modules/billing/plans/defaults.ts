import type { TPlan } from './schema';

type PlanSeed = Omit<TPlan, 'id' | 'productId' | 'createdAt' | 'updatedAt'>;

/** The plans a product starts with: free, pro and enterprise. Admins edit them afterwards. */
export const DEFAULT_PLANS: readonly PlanSeed[] = [
  {
    code: 'free',
    name: 'Free',
    description: 'For trying things out.',
    priceCents: 0,
    currency: 'usd',
    interval: 'month',
    trialDays: 0,
    quotas: { 'api.calls': { limit: 1000, period: 'month' }, 'storage.mb': { limit: 100, period: 'month' } },
    features: ['Core features', 'Community support'],
    maxDevices: 1,
    isDefault: true,
    archived: false,
    sortOrder: 0,
    stripePriceId: null,
  },
  {
    code: 'pro',
    name: 'Pro',
    description: 'For professionals who use it every day.',
    priceCents: 1200,
    currency: 'usd',
    interval: 'month',
    trialDays: 14,
    quotas: {
      'api.calls': { limit: 100_000, period: 'month' },
      'storage.mb': { limit: 10_000, period: 'month' },
    },
    features: ['Everything in Free', 'Priority sync', 'Email support'],
    maxDevices: 3,
    isDefault: false,
    archived: false,
    sortOrder: 10,
    stripePriceId: null,
  },
  {
    code: 'enterprise',
    name: 'Enterprise',
    description: 'For teams with compliance and volume needs.',
    priceCents: 9900,
    currency: 'usd',
    interval: 'month',
    trialDays: 0,
    quotas: { 'api.calls': { limit: null, period: 'month' }, 'storage.mb': { limit: null, period: 'month' } },
    features: ['Everything in Pro', 'SSO', 'Dedicated support', 'Unlimited usage'],
    maxDevices: 25,
    isDefault: false,
    archived: false,
    sortOrder: 20,
    stripePriceId: null,
  },
];
