import type { ListConfig, ListPage } from '~/lib/list-params';

export const ORGS_LIST: ListConfig<Record<never, string>> = { defaults: {}, pageSize: 25 };

/** The `orgs.list` input of the view and of the server's prefetch. */
export const orgsListInput = (page: ListPage) => ({ ...page });
