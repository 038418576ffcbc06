import type { TRole, TUserStatus } from '@bytelyst/routers/modules/users/schema';
import type { ListConfig, ListPage } from '~/lib/list-params';

export type UserFilterValues = { search: string; role: TRole | ''; status: TUserStatus | '' };

export const USERS_LIST: ListConfig<UserFilterValues> = {
  defaults: { search: '', role: '', status: '' },
  pageSize: 20,
  debounce: ['search'],
};

/** The `users.list` input of the view and of the server's prefetch. */
export const usersListInput = (filters: UserFilterValues, page: ListPage) => ({
  search: filters.search.trim() || undefined,
  role: filters.role || undefined,
  status: filters.status || undefined,
  ...page,
});
