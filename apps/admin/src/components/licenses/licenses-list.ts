import type { TLicenseStatus } from '@bytelyst/routers/modules/licenses/schema';
import { definedFilters, type ListConfig, type ListPage } from '~/lib/list-params';

export type LicenseFilters = { status: TLicenseStatus | ''; userId: string };

export const LICENSES_LIST: ListConfig<LicenseFilters> = {
  defaults: { status: '', userId: '' },
  pageSize: 20,
  debounce: ['userId'],
};

/** The `licenses.list` input of the view and of the server's prefetch. */
export const licensesListInput = (filters: LicenseFilters, page: ListPage) => ({
  ...definedFilters(filters),
  ...page,
});

/** The licenses card of a user's page: no filters; `licenses.` keeps its cursor apart in the URL. */
export const USER_LICENSES_LIST: ListConfig<Record<never, string>> = {
  defaults: {},
  pageSize: 10,
  prefix: 'licenses',
};

/** The `licenses.list` input of a user's licenses card and of the user page's prefetch. */
export const userLicensesListInput = (userId: string, page: ListPage) => ({ userId, ...page });
