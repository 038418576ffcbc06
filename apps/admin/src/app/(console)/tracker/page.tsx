import type { Metadata } from 'next';
import { TRACKER_LIST, trackerListInput } from '~/components/tracker/tracker-list';
import { TrackerView } from '~/components/tracker/tracker-view';
import { PrefetchedList, type SearchParamsProp } from '~/server/prefetch-list';

export const metadata: Metadata = { title: 'Tracker' };

export default function TrackerPage({ searchParams }: { searchParams: SearchParamsProp }) {
  return (
    <PrefetchedList
      searchParams={searchParams}
      list={TRACKER_LIST}
      queries={(filters, page) => [{ path: 'tracker.items.list', input: trackerListInput(filters, page) }]}
    >
      <TrackerView />
    </PrefetchedList>
  );
}
