import type { Metadata } from 'next';
import { FLAGS_LIST, flagsListInput } from '~/components/flags/flags-list';
import { FlagsView } from '~/components/flags/flags-view';
import { PrefetchedList, type SearchParamsProp } from '~/server/prefetch-list';

export const metadata: Metadata = { title: 'Feature flags' };

export default function FlagsPage({ searchParams }: { searchParams: SearchParamsProp }) {
  return (
    <PrefetchedList
      searchParams={searchParams}
      list={FLAGS_LIST}
      queries={(filters, page) => [{ path: 'flags.list', input: flagsListInput(filters, page) }]}
    >
      <FlagsView />
    </PrefetchedList>
  );
}
