import type { TPlanInterval } from '@bytelyst/routers/modules/billing/plans/schema';
import type { TSubscriptionStatus } from '@bytelyst/routers/modules/billing/subscriptions/schema';
import type { Tone } from '~/components/kit/badge';

export const formatPrice = (cents: number, currency: string, interval?: TPlanInterval) => {
  if (cents === 0) return 'Free';
  const amount = new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase() }).format(
    cents / 100,
  );
  return interval ? `${amount} / ${interval}` : amount;
};

export const SUBSCRIPTION_STATUS_LABELS: Record<TSubscriptionStatus, string> = {
  trialing: 'Trialing',
  active: 'Active',
  past_due: 'Past due',
  canceled: 'Canceled',
  expired: 'Expired',
};

export const SUBSCRIPTION_STATUS_TONES: Record<TSubscriptionStatus, Tone> = {
  trialing: 'info',
  active: 'success',
  past_due: 'warning',
  canceled: 'neutral',
  expired: 'danger',
};

export const INTERVAL_OPTIONS = [
  { value: 'month', label: 'Monthly' },
  { value: 'year', label: 'Yearly' },
];
