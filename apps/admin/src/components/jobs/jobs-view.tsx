'use client';

import { tableStateOf } from '~/components/kit/data-table';
import { PageHeader } from '~/components/kit/page-header';
import { useNow } from '~/hooks/use-now';
import { trpc } from '~/lib/trpc';
import { JobRunsCard } from './job-runs-card';
import { JobsTable } from './jobs-table';

/** Fast while a run is in progress, so its end shows without a reload; otherwise a slow refresh. */
const RUNNING_REFRESH_MS = 1500;
const IDLE_REFRESH_MS = 30_000;

export function JobsView() {
  const now = useNow();
  const jobs = trpc.jobs.list.useQuery(undefined, {
    refetchInterval: (query) =>
      query.state.data?.items.some((job) => job.running) ? RUNNING_REFRESH_MS : IDLE_REFRESH_MS,
  });
  // Jobs are platform-wide, so running or pausing one is super_admin only; admins get a read-only view.
  const me = trpc.auth.getMine.useQuery();
  const canManage = me.data?.roles.includes('super_admin') ?? false;
  const items = jobs.data?.items ?? [];

  return (
    <>
      <PageHeader
        title="Jobs"
        doc="architecture#how-a-job-flows"
        description="Scheduled work of the platform: when each job runs next, how its last run went, and its history."
      />
      <section className="card" aria-label="Scheduled jobs">
        <JobsTable jobs={items} {...tableStateOf(jobs)} canManage={canManage} now={now} />
        <div className="table-footer">
          <span>
            {canManage
              ? 'Times are in your time zone; each schedule is evaluated in its own. One instance leads, and no slot runs twice.'
              : 'Only super admins can run, pause or resume jobs.'}
          </span>
        </div>
      </section>
      <JobRunsCard jobs={items} anyRunning={items.some((job) => job.running)} now={now} />
    </>
  );
}
