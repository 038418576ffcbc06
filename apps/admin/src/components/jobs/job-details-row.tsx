import type { TJobInfo } from '@bytelyst/routers/modules/jobs/schema';
import { formatDateTime, formatDuration, formatRelative } from '~/lib/format';
import styles from './jobs.module.css';

const MISSED_RUNS: Record<TJobInfo['missedRunPolicy'], (job: TJobInfo) => string> = {
  skip: () => 'Skipped: only future slots run',
  once: () => 'Run once for all missed slots',
  all: (job) => `Run every missed slot, up to ${job.maxCatchUp}`,
};

/** The expanded part of a job's row: its next five slots and how it behaves when things go wrong. */
export function JobDetailsRow({
  job,
  id,
  columns,
  now,
}: {
  job: TJobInfo;
  id: string;
  columns: number;
  now: number;
}) {
  return (
    <tr className="row-details" id={id}>
      <td colSpan={columns}>
        <div className={styles.jobDetails}>
          <div>
            <h3 className="detail-title">Next five runs</h3>
            {job.enabled ? null : <p className="field-hint">Paused: these slots pass without runs.</p>}
            <ol className="plain-list">
              {job.nextRuns.map((at) => (
                <li key={at}>
                  <span className="tabular">{formatDateTime(at)}</span>{' '}
                  <span className="muted">· {formatRelative(at, now)}</span>
                </li>
              ))}
            </ol>
          </div>
          <dl className="facts">
            <div>
              <dt>Time zone</dt>
              <dd>{job.timezone}</dd>
            </div>
            <div>
              <dt>Timeout</dt>
              <dd>{formatDuration(job.timeoutMs)}</dd>
            </div>
            <div>
              <dt>Retries</dt>
              <dd>
                {job.retry.maxAttempts <= 1
                  ? 'None'
                  : `${job.retry.maxAttempts} attempts, from ${formatDuration(job.retry.backoffMs)} ×${job.retry.factor}`}
              </dd>
            </div>
            <div>
              <dt>Missed runs</dt>
              <dd>{MISSED_RUNS[job.missedRunPolicy](job)}</dd>
            </div>
            <div>
              <dt>Scope</dt>
              <dd>{job.productId === '*' ? 'Platform-wide' : job.productId}</dd>
            </div>
          </dl>
        </div>
      </td>
    </tr>
  );
}
