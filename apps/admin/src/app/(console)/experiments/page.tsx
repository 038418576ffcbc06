import type { Metadata } from 'next';
import { EXPERIMENTS_LIST, experimentsListInput } from '~/components/experiments/experiments-list';
import { ExperimentsView } from '~/components/experiments/experiments-view';
import { PrefetchedList, type SearchParamsProp } from '~/server/prefetch-list';

export const metadata: Metadata = { title: 'Experiments' };

export default function ExperimentsPage({ searchParams }: { searchParams: SearchParamsProp }) {
  return (
    <PrefetchedList
      searchParams={searchParams}
      list={EXPERIMENTS_LIST}
      queries={(filters, page) => [{ path: 'experiments.list', input: experimentsListInput(filters, page) }]}
    >
      <ExperimentsView />
    </PrefetchedList>
  );
}
