'use client';

import type { TJobRun } from '@bytelyst/routers/modules/jobs/schema';
import Link from 'next/link';
import { Card } from '~/components/kit/card';
import { detailState } from '~/components/kit/detail-states';
import { PageHeader } from '~/components/kit/page-header';
import { useNow } from '~/hooks/use-now';
import { formatDateTime, formatDuration, formatRelative } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { JobRunStatusBadge, TriggerBadge } from './job-badges';
import { RunLog } from './run-log';

/** A run in progress is followed closely so its log and outcome appear as they happen. */
const RUNNING_REFRESH_MS = 1000;

function RunFacts({ run, now }: { run: TJobRun; now: number }) {
  return (
    <Card titleId="run-title" title="Run">
      <dl className="dl">
        <dt>Run ID</dt>
        <dd className="mono">{run.id}</dd>
        <dt>Outcome</dt>
        <dd>
          <JobRunStatusBadge status={run.status} />
          {run.attempt > 1 ? <span className="muted"> · after {run.attempt} attempts</span> : null}
        </dd>
        <dt>Trigger</dt>
        <dd className="row row-tight">
          <TriggerBadge trigger={run.trigger} />
          {run.trigger === 'manual' ? <span>by {run.actorEmail ?? 'an unknown actor'}</span> : null}
        </dd>
        {run.slotAt ? (
          <>
            <dt>Slot</dt>
            <dd>{formatDateTime(run.slotAt)}</dd>
          </>
        ) : null}
        <dt>Started</dt>
        <dd>
          {formatDateTime(run.startedAt)}{' '}
          <span className="muted">· {formatRelative(run.startedAt, now)}</span>
        </dd>
        <dt>Finished</dt>
        <dd>{run.finishedAt ? formatDateTime(run.finishedAt) : 'In progress'}</dd>
        <dt>Duration</dt>
        <dd>{run.status === 'running' ? 'In progress' : formatDuration(run.durationMs)}</dd>
        {run.reason ? (
          <>
            <dt>Reason</dt>
            <dd>{run.reason}</dd>
          </>
        ) : null}
        {run.error ? (
          <>
            <dt>Error</dt>
            <dd>
              <code className="error-text">{run.error}</code>
            </dd>
          </>
        ) : null}
        <dt>Instance</dt>
        <dd className="mono">{run.instanceId}</dd>
      </dl>
    </Card>
  );
}

export function JobRunView({ id }: { id: string }) {
  const now = useNow(5000);
  const run = trpc.jobs.getRun.useQuery(
    { id },
    { refetchInterval: (query) => (query.state.data?.status === 'running' ? RUNNING_REFRESH_MS : false) },
  );
  const breadcrumb = (
    <>
      <Link href="/ops/jobs">Jobs</Link>
      <span aria-hidden="true">/</span>
      <span>{run.data?.jobName ?? 'Run'}</span>
    </>
  );

  const state = detailState(run, {
    noun: 'Run',
    breadcrumb,
    notFound: {
      title: 'This run does not exist',
      body: (
        <>
          Old runs expire after a while. <Link href="/ops/jobs">Back to jobs</Link>
        </>
      ),
    },
  });
  if (state || !run.data) return state;

  const data = run.data;
  return (
    <>
      <PageHeader
        title={`Run of ${data.jobName}`}
        breadcrumb={breadcrumb}
        description={
          <span className="row">
            <JobRunStatusBadge status={data.status} />
            <span>
              {data.trigger === 'manual'
                ? 'Run by hand'
                : data.trigger === 'catch_up'
                  ? 'Catch-up run'
                  : 'Scheduled run'}
              , started {formatRelative(data.startedAt, now)}
            </span>
          </span>
        }
      />
      <div className="grid grid-2">
        <RunFacts run={data} now={now} />
        <Card titleId="metrics-title" title="Metrics" subtitle="What the job reported when it finished">
          {Object.keys(data.metrics).length === 0 ? (
            <p className="muted">
              {data.status === 'running' ? 'Reported when the run ends.' : 'None reported.'}
            </p>
          ) : (
            <dl className="dl dl-compact">
              {Object.entries(data.metrics).map(([key, value]) => (
                <div key={key} style={{ display: 'contents' }}>
                  <dt>{key}</dt>
                  <dd className="tabular">{value.toLocaleString()}</dd>
                </div>
              ))}
            </dl>
          )}
        </Card>
      </div>
      <section className="card" aria-labelledby="log-title">
        <div className="card-header">
          <div>
            <h2 className="card-title" id="log-title">
              Log
            </h2>
            <p className="card-subtitle">The last 100 lines the job wrote, oldest first</p>
          </div>
        </div>
        <RunLog lines={data.log} running={data.status === 'running'} />
      </section>
    </>
  );
}
