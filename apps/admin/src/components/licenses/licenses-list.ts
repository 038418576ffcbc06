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
