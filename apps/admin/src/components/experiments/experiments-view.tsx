'use client';

import { EXPERIMENT_STATUSES } from '@bytelyst/routers/modules/experiments/schema';
import { useRouter } from 'next/navigation';
import { tableStateOf } from '~/components/kit/data-table';
import { SelectField } from '~/components/kit/field';
import { NewButton } from '~/components/kit/new-button';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { trpc } from '~/lib/trpc';
import { ExperimentsHeader } from './experiments-header';
import { EXPERIMENTS_LIST, type ExperimentFilters, experimentsListInput } from './experiments-list';
import { ExperimentsTable } from './experiments-table';
import { STATUS_LABELS } from './labels';

export function ExperimentsView() {
  const router = useRouter();
  const { filters, changeFilters, pager, page } = useListState(EXPERIMENTS_LIST);
  const list = trpc.experiments.list.useQuery(experimentsListInput(filters, page), KEEP_PREVIOUS);
  return (
    <>
      <ExperimentsHeader
        tab="experiments"
        actions={<NewButton label="New experiment" onClick={() => router.push('/experiments/new')} />}
      />
      <search className="filters">
        <SelectField
          label="Status"
          value={filters.status}
          options={[
            { value: '', label: 'Any status' },
            ...EXPERIMENT_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
          ]}
          onChange={(event) => changeFilters({ status: event.target.value as ExperimentFilters['status'] })}
        />
      </search>
      <section className="card" aria-label="Experiments">
        <ExperimentsTable
          items={list.data?.items ?? []}
          filtered={Boolean(filters.status)}
          {...tableStateOf(list)}
        />
        <Pager pager={pager} data={list.data} total={list.data?.total} noun="experiments" />
      </section>
    </>
  );
}
