import type { TClusterStatus, TTelemetryLevel } from '@bytelyst/routers/modules/telemetry/schema';
import { definedFilters, type ListConfig, type ListPage } from '~/lib/list-params';

export type ClientEventFilters = {
  level: string;
  name: string;
  userId: string;
  fingerprint: string;
  from: string;
  to: string;
};

export const CLIENT_EVENTS_LIST: ListConfig<ClientEventFilters> = {
  defaults: { level: '', name: '', userId: '', fingerprint: '', from: '', to: '' },
  pageSize: 25,
  debounce: ['name', 'userId', 'fingerprint', 'from', 'to'],
};

/**
 * datetime-local inputs give local wall time without a zone. The server reads them in its own zone, so with a
 * from/to in the URL its prefetch may miss the browser's key; the view then fetches as before.
 */
const isoOf = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** The `telemetry.events.list` input of the view and of the server's prefetch. */
export const clientEventsListInput = (filters: ClientEventFilters, page: ListPage) => ({
  level: (filters.level || undefined) as TTelemetryLevel | undefined,
  name: filters.name.trim() || undefined,
  userId: filters.userId.trim() || undefined,
  fingerprint: filters.fingerprint.trim() || undefined,
  from: isoOf(filters.from),
  to: isoOf(filters.to),
  ...page,
});

export type ClusterFilters = { status: '' | TClusterStatus; sort: 'lastSeen' | 'count' };

export const CLUSTERS_LIST: ListConfig<ClusterFilters> = {
  defaults: { status: 'open', sort: 'lastSeen' },
  pageSize: 25,
};

/** The `telemetry.clusters.list` input of the view and of the server's prefetch. */
export const clustersListInput = (filters: ClusterFilters, page: ListPage) => ({
  ...definedFilters(filters),
  ...page,
});
