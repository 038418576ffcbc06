'use client';

import type { TJobInfo } from '@bytelyst/routers/modules/jobs/schema';
import { Button } from '~/components/kit/button';
import { tableStateOf } from '~/components/kit/data-table';
import { SelectField } from '~/components/kit/field';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { trpc } from '~/lib/trpc';
import { RUN_STATUS_OPTIONS, TRIGGER_OPTIONS } from './job-badges';
import { type JobRunFilters as Filters, JOB_RUNS_LIST, jobRunsListInput } from './job-runs-list';
import { JobRunsTable } from './job-runs-table';

/** While a run is in progress its outcome should appear without a reload; otherwise a slow refresh. */
const RUNNING_REFRESH_MS = 1500;
const IDLE_REFRESH_MS = 30_000;

type Props = { jobs: readonly TJobInfo[]; anyRunning: boolean; now: number };

export function JobRunsCard({ jobs, anyRunning, now }: Props) {
  const { filters, query, changeFilters, clearFilters, isFiltered, pager, page } =
    useListState(JOB_RUNS_LIST);
  const runs = trpc.jobs.listRuns.useQuery(jobRunsListInput(query, page), {
    ...KEEP_PREVIOUS,
    refetchInterval: (query) =>
      anyRunning || query.state.data?.items.some((run) => run.status === 'running')
        ? RUNNING_REFRESH_MS
        : IDLE_REFRESH_MS,
  });
  const filtered = isFiltered(['jobName', 'status', 'trigger']);

  return (
    <section className="card" aria-labelledby="runs-title">
      <div className="card-header">
        <div>
          <h2 className="card-title" id="runs-title">
            Run history
          </h2>
          <p className="card-subtitle">Newest first. Open a run to read its log.</p>
        </div>
      </div>
      <search className="filters card-toolbar">
        <SelectField
          label="Job"
          value={filters.jobName}
          options={[
            { value: '', label: 'All jobs' },
            ...jobs.map((job) => ({ value: job.name, label: job.name })),
          ]}
          onChange={(event) => changeFilters({ ...filters, jobName: event.target.value })}
        />
        <SelectField
          label="Outcome"
          value={filters.status}
          options={[{ value: '', label: 'Any outcome' }, ...RUN_STATUS_OPTIONS]}
          onChange={(event) => changeFilters({ ...filters, status: event.target.value as Filters['status'] })}
        />
        <SelectField
          label="Trigger"
          value={filters.trigger}
          options={[{ value: '', label: 'Any trigger' }, ...TRIGGER_OPTIONS]}
          onChange={(event) =>
            changeFilters({ ...filters, trigger: event.target.value as Filters['trigger'] })
          }
        />
        {filtered ? (
          <Button variant="ghost" onClick={clearFilters}>
            Clear filters
          </Button>
        ) : null}
      </search>
      <JobRunsTable runs={runs.data?.items ?? []} {...tableStateOf(runs)} filtered={filtered} now={now} />
      <Pager pager={pager} data={runs.data} noun="runs" />
    </section>
  );
}
