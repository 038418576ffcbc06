'use client';

import { tableStateOf } from '~/components/kit/data-table';
import { Pager } from '~/components/kit/pager';
import { useEventScope } from '~/hooks/use-event-scope';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { useNow } from '~/hooks/use-now';
import { trpc } from '~/lib/trpc';
import { EventFilters } from './event-filters';
import { EventsHeader } from './events-header';
import { EVENTS_LIST, eventsListInput } from './events-list';
import { EventsTable } from './events-table';

/** Fast while a shown event still has open deliveries (the dispatcher polls every second), slow otherwise. */
const PENDING_REFRESH_MS = 1500;
const IDLE_REFRESH_MS = 15_000;

export function EventsView() {
  const { scope, setScope } = useEventScope();
  const { filters, changeFilters, pager, page } = useListState(EVENTS_LIST);
  const now = useNow();

  const list = trpc.events.list.useQuery(eventsListInput(filters, page, scope), {
    ...KEEP_PREVIOUS,
    refetchInterval: (query) =>
      query.state.data?.items.some((event) => event.status === 'pending')
        ? PENDING_REFRESH_MS
        : IDLE_REFRESH_MS,
  });

  return (
    <>
      <EventsHeader tab="recent" scope={scope} onScopeChange={setScope} />
      <EventFilters value={filters} onChange={changeFilters} />
      <section className="card" aria-label="Recent events">
        <EventsTable
          events={list.data?.items ?? []}
          {...tableStateOf(list)}
          scope={scope}
          filtered={Boolean(filters.type || filters.status || filters.range)}
          now={now}
        />
        <Pager pager={pager} data={list.data} noun="events" />
      </section>
    </>
  );
}
