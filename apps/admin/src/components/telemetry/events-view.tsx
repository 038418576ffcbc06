'use client';

import { tableStateOf } from '~/components/kit/data-table';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { useNow } from '~/hooks/use-now';
import { trpc } from '~/lib/trpc';
import { EventFilters } from './event-filters';
import { EventsTable } from './events-table';
import { TelemetryHeader } from './telemetry-header';
import { CLIENT_EVENTS_LIST, clientEventsListInput } from './telemetry-lists';

export function ClientEventsView() {
  const now = useNow();
  // A cluster's page links here with ?fingerprint=...; the filters come from the URL like any other.
  const { filters, query: debounced, changeFilters, pager, page } = useListState(CLIENT_EVENTS_LIST);
  const list = trpc.telemetry.events.list.useQuery(clientEventsListInput(debounced, page), KEEP_PREVIOUS);

  return (
    <>
      <TelemetryHeader tab="events" />
      <EventFilters value={filters} onChange={changeFilters} />
      <section className="card" aria-label="Client events">
        <EventsTable
          events={list.data?.items ?? []}
          {...tableStateOf(list)}
          filtered={Object.values(debounced).some(Boolean)}
          now={now}
        />
        <Pager pager={pager} data={list.data} noun="events" />
      </section>
    </>
  );
}
