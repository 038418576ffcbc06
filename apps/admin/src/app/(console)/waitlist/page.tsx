import type { Metadata } from 'next';
import { WAITLIST_LIST, waitlistListInput } from '~/components/growth/growth-lists';
import { WaitlistView } from '~/components/growth/waitlist-view';
import { PrefetchedList, type SearchParamsProp } from '~/server/prefetch-list';

export const metadata: Metadata = { title: 'Waitlist' };

export default function WaitlistPage({ searchParams }: { searchParams: SearchParamsProp }) {
  return (
    <PrefetchedList
      searchParams={searchParams}
      list={WAITLIST_LIST}
      queries={(filters, page) => [
        { path: 'waitlist.stats' },
        { path: 'waitlist.list', input: waitlistListInput(filters, page) },
      ]}
    >
      <WaitlistView />
    </PrefetchedList>
  );
}
