import type { Metadata } from 'next';
import { LICENSES_LIST, licensesListInput } from '~/components/licenses/licenses-list';
import { LicensesView } from '~/components/licenses/licenses-view';
import { PrefetchedList, type SearchParamsProp } from '~/server/prefetch-list';

export const metadata: Metadata = { title: 'Licenses' };

export default function LicensesPage({ searchParams }: { searchParams: SearchParamsProp }) {
  return (
    <PrefetchedList
      searchParams={searchParams}
      list={LICENSES_LIST}
      queries={(filters, page) => [{ path: 'licenses.list', input: licensesListInput(filters, page) }]}
    >
      <LicensesView />
    </PrefetchedList>
  );
}
