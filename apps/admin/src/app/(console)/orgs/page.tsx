import type { Metadata } from 'next';
import { ORGS_LIST, orgsListInput } from '~/components/orgs/orgs-list';
import { OrgsView } from '~/components/orgs/orgs-view';
import { PrefetchedList, type SearchParamsProp } from '~/server/prefetch-list';

export const metadata: Metadata = { title: 'Organizations' };

export default function OrgsPage({ searchParams }: { searchParams: SearchParamsProp }) {
  return (
    <PrefetchedList
      searchParams={searchParams}
      list={ORGS_LIST}
      queries={(_filters, page) => [{ path: 'orgs.list', input: orgsListInput(page) }]}
    >
      <OrgsView />
    </PrefetchedList>
  );
}
