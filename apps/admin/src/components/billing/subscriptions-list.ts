import type { TSubscriptionStatus } from '@bytelyst/routers/modules/billing/subscriptions/schema';
import { definedFilters, type ListConfig, type ListPage } from '~/lib/list-params';

export type SubscriptionSort = 'createdAt' | 'currentPeriodEnd' | 'trialEnd' | 'updatedAt';
export type SubscriptionFilters = {
  status: TSubscriptionStatus | '';
  planCode: string;
  sort: SubscriptionSort;
  direction: 'asc' | 'desc';
};

export const SUBSCRIPTIONS_LIST: ListConfig<SubscriptionFilters> = {
  defaults: { status: '', planCode: '', sort: 'createdAt', direction: 'desc' },
  pageSize: 25,
};

/** The `subscriptions.list` input of the view and of the server's prefetch. */
export const subscriptionsListInput = (filters: SubscriptionFilters, page: ListPage) => ({
  ...definedFilters(filters),
  sort: filters.sort,
  direction: filters.direction,
  ...page,
});
