'use client';

import type { TTelemetryLevel } from '@bytelyst/routers/modules/telemetry/schema';
import { useSearchParams } from 'next/navigation';
import { tableStateOf } from '~/components/kit/data-table';
import { Pager } from '~/components/kit/pager';
import { usePagedFilters } from '~/hooks/use-cursor-pager';
import { useDebouncedValue } from '~/hooks/use-debounced-value';
import { useNow } from '~/hooks/use-now';
import { trpc } from '~/lib/trpc';
import { EMPTY_EVENT_FILTERS, EventFilters, type EventFilterValues } from './event-filters';
import { EventsTable } from './events-table';
import { TelemetryHeader } from './telemetry-header';

const PAGE_SIZE = 25;

/** datetime-local inputs give local wall time without a zone. */
const isoOf = (local: string) => (local ? new Date(local).toISOString() : undefined);

export function ClientEventsView() {
  const params = useSearchParams();
  const now = useNow();
  const { filters, changeFilters, pager } = usePagedFilters<EventFilterValues>({
    ...EMPTY_EVENT_FILTERS,
    fingerprint: params.get('fingerprint') ?? '',
    userId: params.get('userId') ?? '',
  });
  const debounced = useDebouncedValue(filters, 300);
  const list = trpc.telemetry.events.list.useQuery(
    {
      level: (debounced.level || undefined) as TTelemetryLevel | undefined,
      name: debounced.name.trim() || undefined,
      userId: debounced.userId.trim() || undefined,
      fingerprint: debounced.fingerprint.trim() || undefined,
      from: isoOf(debounced.from),
      to: isoOf(debounced.to),
      limit: PAGE_SIZE,
      cursor: pager.cursor,
    },
    { placeholderData: (previous) => previous },
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
