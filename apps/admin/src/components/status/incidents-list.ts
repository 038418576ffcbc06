import type { ListConfig, ListPage } from '~/lib/list-params';

export type IncidentFilters = { status: 'open' | 'resolved' | '' };

/** The incidents table of /ops/status; `incidents.` keeps its params apart in the URL. */
export const INCIDENTS_LIST: ListConfig<IncidentFilters> = {
  defaults: { status: '' },
  pageSize: 10,
  prefix: 'incidents',
};

/** The `status.incidents.list` input of the view and of the server's prefetch. */
export const incidentsListInput = (filters: IncidentFilters, page: ListPage) => ({
  ...(filters.status ? { status: filters.status } : {}),
  limit: page.limit,
  ...(page.cursor ? { cursor: page.cursor } : {}),
});
