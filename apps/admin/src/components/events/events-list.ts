import type { TEventSummary } from '@bytelyst/routers/modules/events/schema';
import { type EventScope, scopeInput } from '~/lib/event-scope';
import { definedFilters, type ListConfig, type ListPage } from '~/lib/list-params';
import type { PrefetchQuery } from '~/server/prefetch';

/** `from` is fixed when a range is chosen, so the query key (and the page cursors) stay stable. */
export type EventFilterValues = {
  type: string;
  status: TEventSummary['status'] | '';
  range: string;
  from: string;
};

export const EVENTS_LIST: ListConfig<EventFilterValues> = {
  defaults: { type: '', status: '', range: '', from: '' },
  pageSize: 25,
};

/** The `events.list` input of the view and of the server's prefetch. */
export const eventsListInput = (filters: EventFilterValues, page: ListPage, scope: EventScope) => ({
  ...scopeInput(scope),
  type: filters.type || undefined,
  status: filters.status || undefined,
  from: filters.from || undefined,
  ...page,
});

export type DeadLetterFilters = { type: string; subscriber: string };

export const DEAD_LETTERS_LIST: ListConfig<DeadLetterFilters> = {
  defaults: { type: '', subscriber: '' },
  pageSize: 25,
};

/** Which dead letters the filters select: the list shows them a page at a time, "Replay all" takes them all. */
export const deadLettersMatch = (filters: DeadLetterFilters, scope: EventScope) => ({
  ...scopeInput(scope),
  ...definedFilters(filters),
});

/** The `events.listDeadLetters` input of the view and of the server's prefetch. */
export const deadLettersListInput = (filters: DeadLetterFilters, page: ListPage, scope: EventScope) => ({
  ...deadLettersMatch(filters, scope),
  ...page,
});

/** The `events.get` input of the detail page: outside the current product it names the event's product. */
export const eventGetInput = (id: string, product: string | undefined) => ({
  id,
  ...(product ? { productId: product } : {}),
});

/**
 * What every events tab sends on its first render besides its own list: the header's role check, product
 * name and counts, and the catalogue behind the type filters and the catalogue tab.
 */
export const eventsPageQueries = (scope: EventScope): PrefetchQuery[] => [
  { path: 'auth.getMine' },
  { path: 'products.getCurrent' },
  { path: 'events.stats', input: scopeInput(scope) },
  { path: 'events.getCatalogue' },
];
