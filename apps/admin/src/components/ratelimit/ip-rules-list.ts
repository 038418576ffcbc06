import type { ListConfig, ListPage } from '~/lib/list-params';

/** The IP rules table's filters, in the URL under `ip.` (the page holds other tables). */
export type IpRuleFilters = { action: '' | 'allow' | 'deny'; search: string };

export const IP_RULES_LIST: ListConfig<IpRuleFilters> = {
  defaults: { action: '', search: '' },
  pageSize: 20,
  debounce: ['search'],
  prefix: 'ip',
};

/** The `ratelimit.ipRules.list` input of the view and of the server's prefetch. */
export const ipRulesListInput = (filters: IpRuleFilters, page: ListPage) => ({
  action: filters.action || undefined,
  search: filters.search.trim() || undefined,
  ...page,
});

/** How long a rule made from the console lasts. */
export const EXPIRY_OPTIONS = [
  { value: '3600', label: '1 hour' },
  { value: '86400', label: '24 hours' },
  { value: '604800', label: '7 days' },
  { value: '2592000', label: '30 days' },
  { value: '', label: 'Never' },
];

/** The ISO expiry `seconds` from now, or null for "never". */
export const expiryIn = (seconds: string): string | null =>
  seconds ? new Date(Date.now() + Number(seconds) * 1000).toISOString() : null;

export const windowLabel = (seconds: number): string => {
  if (seconds % 86_400 === 0) return seconds === 86_400 ? 'day' : `${seconds / 86_400} days`;
  if (seconds % 3600 === 0) return seconds === 3600 ? 'hour' : `${seconds / 3600} hours`;
  if (seconds % 60 === 0) return seconds === 60 ? 'minute' : `${seconds / 60} min`;
  return `${seconds} s`;
};

/** Refreshes of the live parts of the page. */
export const LIVE_REFRESH_MS = 5000;
