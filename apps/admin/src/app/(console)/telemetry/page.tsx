import type { Metadata } from 'next';
import { ClientEventsView } from '~/components/telemetry/events-view';
import { CLIENT_EVENTS_LIST, clientEventsListInput } from '~/components/telemetry/telemetry-lists';
import { PrefetchedList, type SearchParamsProp } from '~/server/prefetch-list';

export const metadata: Metadata = { title: 'Telemetry' };

export default function TelemetryPage({ searchParams }: { searchParams: SearchParamsProp }) {
  return (
    <PrefetchedList
      searchParams={searchParams}
      list={CLIENT_EVENTS_LIST}
      queries={(filters, page) => [
        { path: 'telemetry.events.list', input: clientEventsListInput(filters, page) },
      ]}
    >
      <ClientEventsView />
    </PrefetchedList>
  );
}
