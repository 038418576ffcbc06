import type { Metadata } from 'next';
import { ClustersView } from '~/components/telemetry/clusters-view';
import { CLUSTERS_LIST, clustersListInput } from '~/components/telemetry/telemetry-lists';
import { PrefetchedList, type SearchParamsProp } from '~/server/prefetch-list';

export const metadata: Metadata = { title: 'Error clusters' };

export default function ClustersPage({ searchParams }: { searchParams: SearchParamsProp }) {
  return (
    <PrefetchedList
      searchParams={searchParams}
      list={CLUSTERS_LIST}
      queries={(filters, page) => [
        { path: 'telemetry.clusters.list', input: clustersListInput(filters, page) },
      ]}
    >
      <ClustersView />
    </PrefetchedList>
  );
}
