import type { Metadata } from 'next';
import { EVENTS_LIST, eventsListInput, eventsPageQueries } from '~/components/events/events-list';
import { EventsView } from '~/components/events/events-view';
import { parseEventScope } from '~/lib/event-scope';
import { PrefetchedList, type SearchParamsProp } from '~/server/prefetch-list';

export const metadata: Metadata = { title: 'Events' };

export default function EventsPage({ searchParams }: { searchParams: SearchParamsProp }) {
  return (
    <PrefetchedList
      searchParams={searchParams}
      list={EVENTS_LIST}
      queries={(filters, page, params) => {
        const scope = parseEventScope(params.get('scope'));
        return [
          ...eventsPageQueries(scope),
          { path: 'events.list', input: eventsListInput(filters, page, scope) },
        ];
      }}
    >
      <EventsView />
    </PrefetchedList>
  );
}
