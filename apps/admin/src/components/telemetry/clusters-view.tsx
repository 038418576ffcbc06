'use client';

import type { TClusterStatus } from '@bytelyst/routers/modules/telemetry/schema';
import { tableStateOf } from '~/components/kit/data-table';
import { SelectField } from '~/components/kit/field';
import { Pager } from '~/components/kit/pager';
import { usePagedFilters } from '~/hooks/use-cursor-pager';
import { useNow } from '~/hooks/use-now';
import { trpc } from '~/lib/trpc';
import { ClustersTable } from './clusters-table';
import { TelemetryHeader } from './telemetry-header';

const PAGE_SIZE = 25;

type Filters = { status: '' | TClusterStatus; sort: 'lastSeen' | 'count' };

export function ClustersView() {
  const now = useNow();
  const { filters, changeFilters, pager } = usePagedFilters<Filters>({ status: 'open', sort: 'lastSeen' });
  const list = trpc.telemetry.clusters.list.useQuery(
    { status: filters.status || undefined, sort: filters.sort, limit: PAGE_SIZE, cursor: pager.cursor },
    { placeholderData: (previous) => previous },
  );

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
