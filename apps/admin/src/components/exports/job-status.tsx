'use client';

import type { TExportJob, TJobStatus } from '@bytelyst/routers/modules/exports/schema';
import { Badge, type Tone } from '~/components/kit/badge';
import { ProgressBar } from '~/components/kit/progress-bar';
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
  const noun = job.kind === 'bulk' ? 'items' : 'rows';
  const tone = job.status === 'failed' ? 'danger' : done ? 'success' : undefined;
  return (
    <div className={styles.progress}>
      <ProgressBar
        label={`Progress of ${job.id}`}
        value={job.processed}
        max={total}
        complete={done}
        tone={tone}
      />
      <span className="cell-secondary tabular">
        {job.processed.toLocaleString()}
        {total === null ? '' : ` of ${total.toLocaleString()}`} {noun}
      </span>
    </div>
  );
}
