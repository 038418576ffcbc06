import type { ListConfig, ListPage } from '~/lib/list-params';

export type PromoFilters = { status: '' | 'active' | 'inactive' };

export const PROMOS_LIST: ListConfig<PromoFilters> = { defaults: { status: '' }, pageSize: 25 };

/** The `promos.list` input of the view and of the server's prefetch. */
export const promosListInput = (filters: PromoFilters, page: ListPage) => ({
  ...(filters.status ? { active: filters.status === 'active' } : {}),
  limit: page.limit,
  ...(page.cursor ? { cursor: page.cursor } : {}),
});
