import type { Metadata } from 'next';
import { PROMOS_LIST, promosListInput } from '~/components/billing/promos-list';
import { PromosView } from '~/components/billing/promos-view';
import { PrefetchedList, type SearchParamsProp } from '~/server/prefetch-list';

export const metadata: Metadata = { title: 'Promo codes' };

export default function BillingPromosPage({ searchParams }: { searchParams: SearchParamsProp }) {
  return (
    <PrefetchedList
      searchParams={searchParams}
      list={PROMOS_LIST}
      queries={(filters, page) => [
        { path: 'plans.listAll' },
        { path: 'promos.list', input: promosListInput(filters, page) },
      ]}
    >
      <PromosView />
    </PrefetchedList>
  );
}
