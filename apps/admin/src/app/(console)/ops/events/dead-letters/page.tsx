import type { Metadata } from 'next';
import { DeadLettersView } from '~/components/events/dead-letters-view';
import { DEAD_LETTERS_LIST, deadLettersListInput, eventsPageQueries } from '~/components/events/events-list';
import { parseEventScope } from '~/lib/event-scope';
import { PrefetchedList, type SearchParamsProp } from '~/server/prefetch-list';

export const metadata: Metadata = { title: 'Dead letters' };

export default function DeadLettersPage({ searchParams }: { searchParams: SearchParamsProp }) {
  return (
    <PrefetchedList
      searchParams={searchParams}
      list={DEAD_LETTERS_LIST}
      queries={(filters, page, params) => {
        const scope = parseEventScope(params.get('scope'));
        return [
          ...eventsPageQueries(scope),
          { path: 'events.listSubscribers' },
          { path: 'events.listDeadLetters', input: deadLettersListInput(filters, page, scope) },
        ];
      }}
    >
      <DeadLettersView />
    </PrefetchedList>
  );
}
