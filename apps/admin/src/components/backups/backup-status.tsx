'use client';

import type { TBackupJob, TBackupStatus, TVerificationState } from '@bytelyst/routers/modules/backups/schema';
import { Badge, type Tone } from '~/components/kit/badge';
import { ProgressBar } from '~/components/kit/progress-bar';
import styles from './backups.module.css';

/** Every job kind in one list: the backups, and the verifications and restores run on them. */
export const BACKUPS_LIST_INPUT = { limit: 50 };

const STATUS: Record<TBackupStatus, { tone: Tone; label: string }> = {
  pending: { tone: 'neutral', label: 'Pending' },
  running: { tone: 'info', label: 'Running' },
  completed: { tone: 'success', label: 'Completed' },
  failed: { tone: 'danger', label: 'Failed' },
};

const VERIFICATION: Record<TVerificationState, { tone: Tone; label: string }> = {
  unverified: { tone: 'neutral', label: 'Unverified' },
  verifying: { tone: 'info', label: 'Verifying' },
  verified: { tone: 'success', label: 'Verified' },
  failed: { tone: 'danger', label: 'Verification failed' },
};

export const isRunning = (job: Pick<TBackupJob, 'status'>) =>
  job.status === 'pending' || job.status === 'running';

export function StatusBadge({ status }: { status: TBackupStatus }) {
  return (
    <Badge tone={STATUS[status].tone} dot>
      {STATUS[status].label}
    </Badge>
  );
}

export function VerificationBadge({ state }: { state: TVerificationState }) {
  return <Badge tone={VERIFICATION[state].tone}>{VERIFICATION[state].label}</Badge>;
}

export const formatBytes = (bytes: number) => {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
};

/** Documents gone through against the count taken at the start, and the container being worked on. */
export function JobProgress({ job }: { job: TBackupJob }) {
  const total = job.estimatedTotal;
  const done = job.status === 'completed';
  const current = job.containers.find((entry) => entry.state === 'running');
  const finished = job.containers.filter((entry) => entry.state === 'done').length;
  return (
    <div className={styles.progress}>
      <ProgressBar
        label={`Progress of ${job.id}`}
        value={job.processed}
        max={total}
        complete={done}
        tone={job.status === 'failed' ? 'danger' : done ? 'success' : undefined}
      />
      <span className="cell-secondary tabular">
        {job.processed.toLocaleString()}
        {total === null || done ? '' : ` of ${total.toLocaleString()}`} documents
        {job.containers.length > 0 ? ` · ${finished} of ${job.containers.length} containers` : ''}
        {current && !done ? ` · ${current.name}` : ''}
      </span>
    </div>
  );
}
