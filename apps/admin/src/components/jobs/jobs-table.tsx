'use client';

import type { TJobInfo } from '@bytelyst/routers/modules/jobs/schema';
import { Fragment } from 'react';
import { Button } from '~/components/kit/button';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { ExpandButton, useExpandedRows } from '~/components/kit/expand-button';
import { Icon } from '~/components/kit/icon';
import { formatDateTime, formatDuration, formatRelative, formatShortDateTime } from '~/lib/format';
import { JobRunStatusBadge, JobStateBadges } from './job-badges';
import { JobDetailsRow } from './job-details-row';
import { useJobActions } from './use-job-actions';

const COLUMNS: readonly Column[] = [
  { label: 'Job' },
  { label: 'Schedule' },
  { label: 'Last run' },
  { label: 'State' },
  { label: 'Actions', className: 'cell-actions' },
];

type Props = TableState & { jobs: readonly TJobInfo[]; canManage: boolean; now: number };

function LastRun({ job, now }: { job: TJobInfo; now: number }) {
  if (!job.lastRun) return <span className="cell-muted">Never run</span>;
  const run = job.lastRun;
  return (
    <>
      <JobRunStatusBadge status={run.status} />
      <div className="cell-secondary nowrap" title={formatDateTime(run.startedAt)}>
        {run.status === 'running' ? 'started' : formatDuration(run.durationMs)} ·{' '}
        {formatRelative(run.startedAt, now)}
      </div>
    </>
  );
}

export function JobsTable({ jobs, canManage, now, ...state }: Props) {
  const rows = useExpandedRows();
  const actions = useJobActions();

  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={jobs}
      emptyTitle="No jobs are registered"
      emptyHint="Jobs are registered by the API's modules at start-up."
      renderRow={(job) => {
        const expanded = rows.isOpen(job.name);
        const detailsId = `job-details-${job.name}`;
        const toggling = actions.isToggling(job.name);
        return (
          <Fragment key={job.name}>
            <tr className={expanded ? 'row-expanded' : undefined}>
              <td className="cell-job">
                <div className="row row-tight">
                  <ExpandButton
                    expanded={expanded}
                    controls={detailsId}
                    label={`Details of ${job.name}`}
                    onToggle={() => rows.toggle(job.name)}
                  />
                  <span className="cell-primary mono nowrap">{job.name}</span>
                </div>
                <div className="cell-secondary cell-indent">{job.description}</div>
              </td>
              <td>
                <div className="nowrap">{job.schedule}</div>
                <div className="cell-secondary nowrap">
                  <code>{job.cron}</code> · {job.timezone}
                </div>
                <div
                  className={job.enabled ? 'cell-secondary nowrap' : 'cell-secondary nowrap muted'}
                  title={formatDateTime(job.nextRuns[0])}
                >
                  {job.enabled
                    ? `Next ${formatRelative(job.nextRuns[0], now, '—')}, ${formatShortDateTime(job.nextRuns[0])}`
                    : 'No runs while paused'}
                </div>
              </td>
              <td>
                <LastRun job={job} now={now} />
              </td>
              <td>
                <JobStateBadges
                  enabled={job.enabled}
                  running={job.running}
                  held={job.maintenanceHolds.length > 0}
                />
              </td>
              <td className="cell-actions">
                <div className="btn-group btn-group-end">
                  {canManage ? (
                    <>
                      <Button
                        size="sm"
                        aria-label={`Run ${job.name} now`}
                        loading={actions.isTriggering(job.name)}
                        disabled={job.running}
                        title={job.running ? 'A run is in progress' : undefined}
                        onClick={() => actions.trigger(job.name)}
                      >
                        {actions.isTriggering(job.name) ? null : <Icon name="play" size={12} />}
                        Run now
                      </Button>
                      <Button
                        size="sm"
                        aria-label={`${job.enabled ? 'Pause' : 'Resume'} ${job.name}`}
                        loading={toggling}
                        onClick={() => actions.setEnabled(job.name, !job.enabled)}
                      >
                        {toggling ? null : <Icon name={job.enabled ? 'pause' : 'play'} size={12} />}
                        {job.enabled ? 'Pause' : 'Resume'}
                      </Button>
                    </>
                  ) : null}
                </div>
              </td>
            </tr>
            {expanded ? <JobDetailsRow job={job} id={detailsId} columns={COLUMNS.length} now={now} /> : null}
          </Fragment>
        );
      }}
    />
  );
}
