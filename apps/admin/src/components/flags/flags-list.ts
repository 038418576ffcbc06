import type { ListConfig, ListPage } from '~/lib/list-params';

export type FlagFilters = { search: string; state: '' | 'on' | 'off'; sort: 'key' | 'updatedAt' };

export const FLAGS_LIST: ListConfig<FlagFilters> = {
  defaults: { search: '', state: '', sort: 'key' },
  pageSize: 20,
  debounce: ['search'],
};

/** The `flags.list` input of the view and of the server's prefetch. */
export const flagsListInput = (filters: FlagFilters, page: ListPage) => ({
  search: filters.search.trim() || undefined,
  enabled: filters.state === '' ? undefined : filters.state === 'on',
  sort: filters.sort,
  ...page,
});
