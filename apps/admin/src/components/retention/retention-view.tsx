'use client';

import type { TRun } from '@bytelyst/routers/modules/retention/schema';
import { useEffect, useState } from 'react';
import { StatGrid } from '~/components/growth/stat-grid';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { tableStateOf } from '~/components/kit/data-table';
import { PageHeader } from '~/components/kit/page-header';
import { ProgressBar } from '~/components/kit/progress-bar';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { useNow } from '~/hooks/use-now';
import { formatDateTime, formatRelative } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { HoldsCard } from './holds-card';
import { HOLDS_INPUT, RUNS_INPUT } from './inputs';
import { PoliciesTable } from './policies-card';
import styles from './retention.module.css';
import { RunStatusBadge, RunsCard, removedIn } from './runs-card';

/** Fast while a run goes on (or one was just asked for), so its progress moves; otherwise a slow refresh. */
const RUNNING_REFRESH_MS = 1000;
const IDLE_REFRESH_MS = 30_000;

/** Steps are (product, container) pairs; the bar shows how many are done and which one is being worked on. */
function RunProgress({ run }: { run: TRun }) {
  const { done, total, current } = run.progress;
  return (
    <div className={styles.progress}>
      <ProgressBar label="Cleanup progress" value={done} max={total} thick />
      <span className="cell-secondary tabular">
        {done} of {total} steps{current ? ` · ${current}` : ''} · {removedIn(run).toLocaleString()} removed
        here
      </span>
    </div>
  );
}

export function RetentionView() {
  const now = useNow();
  const me = trpc.auth.getMine.useQuery();
  const isSuperAdmin = me.data?.roles.includes('super_admin') ?? false;
  const [awaiting, setAwaiting] = useState<string | null>(null);
  const runs = trpc.retention.listRuns.useQuery(RUNS_INPUT, {
    refetchInterval: (query) =>
      awaiting || query.state.data?.items.some((run) => run.status === 'running')
        ? RUNNING_REFRESH_MS
        : IDLE_REFRESH_MS,
  });
  const policies = trpc.retention.listPolicies.useQuery(undefined, { refetchInterval: IDLE_REFRESH_MS });
  const holds = trpc.retention.listHolds.useQuery(HOLDS_INPUT);
  const preview = trpc.retention.preview.useMutation(
    useMutationFeedback({ success: 'Counted what is due now.' }),
  );
  const utils = trpc.useUtils();
  const trigger = trpc.retention.trigger.useMutation(
    useMutationFeedback({
      success: 'The cleanup started.',
      onDone: (started) => setAwaiting(started.jobRunId),
      invalidate: (u) => [u.retention.listRuns.invalidate()],
    }),
  );

  const running = runs.data?.items.find((run) => run.status === 'running');
  const mine = runs.data?.items.find((run) => run.jobRunId === awaiting);
  // Once the run asked for has finished, the policies' last run and the counts due are stale.
  useEffect(() => {
    if (!mine || mine.status === 'running') return;
    setAwaiting(null);
    void utils.retention.listPolicies.invalidate();
    if (preview.data) preview.mutate();
  }, [mine, utils, preview]);

  const data = policies.data;
  const last = data?.lastRun ?? null;
  const activeHolds = holds.data?.items.filter((hold) => hold.status === 'active').length;
  return (
    <>
      <PageHeader
        title="Retention"
        description="How long each container keeps this product's documents, the daily cleanup that applies it, and legal holds."
      />
      <StatGrid
        label="Retention at a glance"
        error={policies.error}
        onRetry={() => void policies.refetch()}
        stats={[
          {
            label: 'Next run',
            value: data
              ? data.schedule.paused
                ? 'Paused'
                : formatRelative(data.schedule.nextRunAt, now)
              : undefined,
            hint: data ? `${data.schedule.job} · ${data.schedule.cron} ${data.schedule.timezone}` : '',
          },
          {
            label: 'Last run',
            value: data ? (last ? formatRelative(last.startedAt, now) : 'Never') : undefined,
            hint: last
              ? `${last.status} · ${formatDateTime(last.finishedAt ?? last.startedAt)}`
              : 'No run yet',
          },
          {
            label: 'Removed by the last run',
            value: data ? (last ? removedIn(last) : 0) : undefined,
            hint: last ? `${last.totalRemoved.toLocaleString()} across all products` : 'In this product',
          },
          { label: 'Active legal holds', value: activeHolds, hint: 'Users whose documents stay' },
        ]}
      />
      <Card
        titleId="retention-cleanup"
        title="Cleanup"
        subtitle="Removes documents past their days in every product, in batches; a held user's stay."
        actions={
          <>
            <Button size="sm" loading={preview.isPending} onClick={() => preview.mutate()}>
              Preview
            </Button>
            {isSuperAdmin ? (
              <Button
                size="sm"
                variant="primary"
                loading={trigger.isPending}
                disabled={Boolean(running) || Boolean(awaiting)}
                onClick={() => trigger.mutate()}
              >
                Run now
              </Button>
            ) : null}
          </>
        }
      >
        {running ? (
          <div className={styles.running}>
            <RunStatusBadge status="running" />
            <RunProgress run={running} />
          </div>
        ) : awaiting ? (
          <p className="muted">Starting…</p>
        ) : (
          <p className="muted">
            {last ? (
              <>
                Last run <RunStatusBadge status={last.status} /> {formatRelative(last.startedAt, now)},
                removed {removedIn(last).toLocaleString()} documents here.
              </>
            ) : (
              'No cleanup has run yet.'
            )}{' '}
            {preview.data
              ? `Due now: ${preview.data.items.reduce((s, i) => s + i.wouldRemove, 0)} documents.`
              : ''}
          </p>
        )}
      </Card>
      <section className="card" aria-label="Retention policies">
        <PoliciesTable
          policies={data?.items ?? []}
          {...tableStateOf(policies)}
          canEdit={isSuperAdmin}
          preview={preview.data}
        />
        <div className="table-footer">
          <span>
            A container written with a TTL cannot keep documents past it, so its maximum is the TTL. Only a
            super_admin changes a policy; the next run applies it.
          </span>
        </div>
      </section>
      <RunsCard runs={runs.data?.items ?? []} now={now} {...tableStateOf(runs)} />
      <HoldsCard holds={holds.data?.items ?? []} now={now} {...tableStateOf(holds)} />
    </>
  );
}
