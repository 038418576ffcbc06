import type { TDeliveryChannel, TDeliveryStatus } from '@bytelyst/routers/modules/delivery/schema';
import { endOfUtcDay } from '~/lib/format';
import type { ListConfig, ListPage } from '~/lib/list-params';

/** Dates are UTC days (`yyyy-mm-dd`) in the URL, so a shared link opens the same window. */
export type DeliveryFilters = {
  channel: TDeliveryChannel | '';
  status: TDeliveryStatus | '';
  template: string;
  email: string;
  from: string;
  to: string;
};

export const DELIVERY_LIST: ListConfig<DeliveryFilters> = {
  defaults: { channel: '', status: '', template: '', email: '', from: '', to: '' },
  pageSize: 25,
  debounce: ['email'],
};

export const FILTER_KEYS = ['channel', 'status', 'template', 'email', 'from', 'to'] as const;

/** Days the stat cards and the chart cover. */
export const STATS_DAYS = 14;
export const STATS_INPUT = { days: STATS_DAYS };

/** The `delivery.list` input of the view and of the server's prefetch. */
export const deliveryListInput = (filters: DeliveryFilters, page: ListPage) => ({
  channel: filters.channel || undefined,
  status: filters.status || undefined,
  template: filters.template.trim() || undefined,
  email: filters.email.trim() || undefined,
  from: filters.from ? `${filters.from}T00:00:00.000Z` : undefined,
  to: filters.to ? endOfUtcDay(filters.to) : undefined,
  ...page,
});
