import type { Metadata } from 'next';
import { SUPPRESSIONS_LIST, suppressionsListInput } from '~/components/delivery/suppressions-list';
import { SuppressionsView } from '~/components/delivery/suppressions-view';
import { PrefetchedList, type SearchParamsProp } from '~/server/prefetch-list';

export const metadata: Metadata = { title: 'Suppressions' };

export default function SuppressionsPage({ searchParams }: { searchParams: SearchParamsProp }) {
  return (
    <PrefetchedList
      searchParams={searchParams}
      list={SUPPRESSIONS_LIST}
      queries={(_filters, page) => [
        { path: 'delivery.listSuppressions', input: suppressionsListInput(page) },
      ]}
    >
      <SuppressionsView />
    </PrefetchedList>
  );
}
