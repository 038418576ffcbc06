'use client';

import type { TExportJob, TJobStatus } from '@bytelyst/routers/modules/exports/schema';
import { Badge, type Tone } from '~/components/kit/badge';
import styles from './exports.module.css';

const STATUS: Record<TJobStatus, { tone: Tone; label: string }> = {
  pending: { tone: 'neutral', label: 'Pending' },
  processing: { tone: 'info', label: 'Running' },
  ready: { tone: 'success', label: 'Ready' },
  completed: { tone: 'success', label: 'Completed' },
  failed: { tone: 'danger', label: 'Failed' },
  cancelled: { tone: 'warning', label: 'Cancelled' },
};

export const isRunning = (job: Pick<TExportJob, 'status'>) =>
  job.status === 'pending' || job.status === 'processing';

export function JobStatusBadge({ status }: { status: TJobStatus }) {
  return (
    <Badge tone={STATUS[status].tone} dot>
      {STATUS[status].label}
    </Badge>
  );
}

/** Rows written (or items gone through) against the estimate known at the start. */
export function JobProgress({ job }: { job: TExportJob }) {
  const total = job.estimatedTotal;
  const done = job.status === 'ready' || job.status === 'completed';
  const share = done ? 1 : total ? Math.min(1, job.processed / total) : 0;
  const noun = job.kind === 'bulk' ? 'items' : 'rows';
  const tone = job.status === 'failed' ? 'danger' : done ? 'success' : undefined;
  return (
    <div className={styles.progress}>
      <div
        className={styles.bar}
        role="progressbar"
        aria-label={`Progress of ${job.id}`}
        aria-valuemin={0}
        aria-valuemax={total ?? undefined}
        aria-valuenow={job.processed}
      >
        <div className={styles.fill} data-tone={tone} style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
      <span className="cell-secondary tabular">
        {job.processed.toLocaleString()}
        {total === null ? '' : ` of ${total.toLocaleString()}`} {noun}
      </span>
    </div>
  );
}
