import type { ListConfig, ListPage } from '~/lib/list-params';

/** The suppression list has no filters of its own; its URL holds only the page cursors. */
export const SUPPRESSIONS_LIST: ListConfig<Record<string, never>> = { defaults: {}, pageSize: 25 };

export const suppressionsListInput = (page: ListPage) => ({ ...page });
