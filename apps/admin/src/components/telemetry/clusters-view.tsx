'use client';

import { tableStateOf } from '~/components/kit/data-table';
import { SelectField } from '~/components/kit/field';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { useNow } from '~/hooks/use-now';
import { trpc } from '~/lib/trpc';
import { ClustersTable } from './clusters-table';
import { TelemetryHeader } from './telemetry-header';
import { CLUSTERS_LIST, clustersListInput, type ClusterFilters as Filters } from './telemetry-lists';

export function ClustersView() {
  const now = useNow();
  const { filters, query, changeFilters, pager, page } = useListState(CLUSTERS_LIST);
  const list = trpc.telemetry.clusters.list.useQuery(clustersListInput(query, page), KEEP_PREVIOUS);

  return (
    <>
      <TelemetryHeader tab="clusters" />
      <search className="filters">
        <SelectField
          label="Status"
          value={filters.status}
          options={[
            { value: 'open', label: 'Open' },
            { value: 'resolved', label: 'Resolved' },
            { value: 'ignored', label: 'Ignored' },
            { value: '', label: 'Any status' },
          ]}
          onChange={(event) => changeFilters({ ...filters, status: event.target.value as Filters['status'] })}
        />
        <SelectField
          label="Sort by"
          value={filters.sort}
          options={[
            { value: 'lastSeen', label: 'Last seen' },
            { value: 'count', label: 'Occurrences' },
          ]}
          onChange={(event) => changeFilters({ ...filters, sort: event.target.value as Filters['sort'] })}
        />
      </search>
      <section className="card" aria-label="Error clusters">
        <ClustersTable
          clusters={list.data?.items ?? []}
          {...tableStateOf(list)}
          filtered={filters.status !== ''}
          now={now}
        />
        <Pager pager={pager} data={list.data} noun="clusters" />
      </section>
    </>
  );
}
