import type { Metadata } from 'next';
import { DUNNING_LIST, DUNNING_STATS_INPUT, dunningListInput } from '~/components/billing/dunning-list';
import { DunningView } from '~/components/billing/dunning-view';
import { PrefetchedList, type SearchParamsProp } from '~/server/prefetch-list';

export const metadata: Metadata = { title: 'Dunning' };

export default function BillingDunningPage({ searchParams }: { searchParams: SearchParamsProp }) {
  return (
    <PrefetchedList
      searchParams={searchParams}
      list={DUNNING_LIST}
      queries={(filters, page) => [
        { path: 'dunning.stats', input: DUNNING_STATS_INPUT },
        { path: 'dunning.list', input: dunningListInput(filters, page) },
      ]}
    >
      <DunningView />
    </PrefetchedList>
  );
}
