'use client';

import { tableStateOf } from '~/components/kit/data-table';
import { SelectField } from '~/components/kit/field';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { trpc } from '~/lib/trpc';
import { BillingHeader } from './billing-header';
import {
  DUNNING_LIST,
  DUNNING_STAGE_LABELS,
  DUNNING_STATS_INPUT,
  type DunningFilters,
  dunningListInput,
} from './dunning-list';
import { DunningRecovered } from './dunning-recovered';
import { DunningTable } from './dunning-table';

/** Refreshed now and then: Stripe's webhook and the daily job move cases in the background. */
const REFRESH_MS = 30_000;

export function DunningView() {
  const { filters, changeFilters, pager, page } = useListState(DUNNING_LIST);
  const stats = trpc.dunning.stats.useQuery(DUNNING_STATS_INPUT, { refetchInterval: REFRESH_MS });
  const list = trpc.dunning.list.useQuery(dunningListInput(filters, page), {
    ...KEEP_PREVIOUS,
    refetchInterval: REFRESH_MS,
  });
  return (
    <>
      <BillingHeader tab="dunning" />
      <DunningRecovered stats={stats.data} />
      <search className="filters">
        <SelectField
          label="Filter by stage"
          value={filters.stage}
          options={[
            { value: 'open', label: 'In dunning (payment failed or final warning)' },
            ...Object.entries(DUNNING_STAGE_LABELS).map(([value, label]) => ({ value, label })),
            { value: '', label: 'Every case' },
          ]}
          onChange={(event) => changeFilters({ stage: event.target.value as DunningFilters['stage'] })}
        />
      </search>
      <section className="card" aria-label="Dunning cases">
        <DunningTable cases={list.data?.items ?? []} {...tableStateOf(list)} />
        <Pager pager={pager} data={list.data} total={list.data?.total} noun="cases" />
      </section>
    </>
  );
}
