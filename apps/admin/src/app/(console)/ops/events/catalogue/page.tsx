import type { Metadata } from 'next';
import { CatalogueView } from '~/components/events/catalogue-view';
import { eventsPageQueries } from '~/components/events/events-list';
import { parseEventScope } from '~/lib/event-scope';
import { searchParamsOf } from '~/lib/list-params';
import type { SearchParamsProp } from '~/server/prefetch-list';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'Event catalogue' };

export default async function CataloguePage({ searchParams }: { searchParams: SearchParamsProp }) {
  const scope = parseEventScope(searchParamsOf(await searchParams).get('scope'));
  return (
    <Prefetched queries={[...eventsPageQueries(scope), { path: 'events.listSubscribers' }]}>
      <CatalogueView />
    </Prefetched>
  );
}
