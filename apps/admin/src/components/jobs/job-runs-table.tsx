import type { TJobRunSummary } from '@bytelyst/routers/modules/jobs/schema';
import Link from 'next/link';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { formatDateTime, formatDuration, formatRelative, formatShortDateTime } from '~/lib/format';
import { JobRunStatusBadge, TriggerBadge } from './job-badges';
import styles from './jobs.module.css';

const COLUMNS: readonly Column[] = [
  { label: 'Run' },
  { label: 'Trigger' },
  { label: 'Duration' },
  { label: 'Outcome' },
  { label: 'Error' },
  { label: 'Metrics' },
];

const runHref = (id: string) => `/ops/jobs/runs/${encodeURIComponent(id)}`;

function RunMetrics({ metrics }: { metrics: Record<string, number> }) {
  const entries = Object.entries(metrics);
  if (entries.length === 0) return <span className="cell-muted">—</span>;
  return (
    <span className={styles.metrics}>
      {entries.map(([key, value]) => (
        <span className={styles.metric} key={key}>
          {key} <strong>{value.toLocaleString()}</strong>
        </span>
      ))}
    </span>
  );
}

type Props = TableState & { runs: readonly TJobRunSummary[]; filtered: boolean; now: number };

export function JobRunsTable({ runs, filtered, now, ...state }: Props) {
  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={runs}
      emptyTitle={filtered ? 'No runs match these filters' : 'No runs yet'}
      emptyHint={
        filtered ? 'Clear a filter to see more runs.' : 'Runs appear here when a job is due or run by hand.'
      }
      renderRow={(run) => (
        <tr key={run.id}>
          <td>
            <Link
              className="nowrap"
              href={runHref(run.id)}
              aria-label={`Run of ${run.jobName} started ${formatDateTime(run.startedAt)}`}
            >
              {formatDateTime(run.startedAt)}
            </Link>
            <div className="cell-secondary nowrap">
              <span className="mono">{run.jobName}</span> · {formatRelative(run.startedAt, now)}
            </div>
          </td>
          <td>
            <TriggerBadge trigger={run.trigger} />
            <div className="cell-secondary nowrap">
              {run.trigger === 'manual'
                ? (run.actorEmail ?? 'unknown actor')
                : `slot ${formatShortDateTime(run.slotAt)}`}
            </div>
          </td>
          <td className="cell-muted tabular">
            {run.status === 'running' ? 'In progress' : formatDuration(run.durationMs)}
          </td>
          <td>
            <JobRunStatusBadge status={run.status} />
            {run.attempt > 1 || run.reason ? (
              <div className="cell-secondary">
                {run.attempt > 1 ? `attempt ${run.attempt}` : ''}
                {run.attempt > 1 && run.reason ? ' · ' : ''}
                {run.reason ?? ''}
              </div>
            ) : null}
          </td>
          <td className="cell-error">
            {run.error ? (
              <code className="error-text">{run.error}</code>
            ) : (
              <span className="cell-muted">—</span>
            )}
          </td>
          <td>
            <RunMetrics metrics={run.metrics} />
          </td>
        </tr>
      )}
    />
  );
}
