'use client';

import type { TTelemetryLevel } from '@bytelyst/routers/modules/telemetry/schema';
import { tableStateOf } from '~/components/kit/data-table';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { useNow } from '~/hooks/use-now';
import { trpc } from '~/lib/trpc';
import { EMPTY_EVENT_FILTERS, EventFilters } from './event-filters';
import { EventsTable } from './events-table';
import { TelemetryHeader } from './telemetry-header';

/** datetime-local inputs give local wall time without a zone. */
const isoOf = (local: string) => (local ? new Date(local).toISOString() : undefined);

const DEBOUNCED = ['name', 'userId', 'fingerprint', 'from', 'to'] as const;

export function ClientEventsView() {
  const now = useNow();
  // A cluster's page links here with ?fingerprint=...; the filters come from the URL like any other.
  const {
    filters,
    query: debounced,
    changeFilters,
    pager,
    page,
  } = useListState({
    defaults: EMPTY_EVENT_FILTERS,
    pageSize: 25,
    debounce: DEBOUNCED,
  });
  const list = trpc.telemetry.events.list.useQuery(
    {
      level: (debounced.level || undefined) as TTelemetryLevel | undefined,
      name: debounced.name.trim() || undefined,
      userId: debounced.userId.trim() || undefined,
      fingerprint: debounced.fingerprint.trim() || undefined,
      from: isoOf(debounced.from),
      to: isoOf(debounced.to),
      ...page,
    },
    KEEP_PREVIOUS,
  );

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
