'use client';

import type { TBackupJob } from '@bytelyst/routers/modules/backups/schema';
import { Button } from '~/components/kit/button';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { formatDuration, formatShortDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { formatBytes, isRunning, JobProgress, StatusBadge, VerificationBadge } from './backup-status';
import styles from './backups.module.css';

const COLUMNS: readonly Column[] = [
  { label: 'Job' },
  { label: 'Status' },
  { label: 'Progress' },
  { label: 'Size' },
  { label: 'Started' },
  { label: 'Actions', className: 'cell-actions' },
];

const KIND = { backup: 'Backup', verify: 'Verify', restore: 'Restore' } as const;

const describe = (job: TBackupJob) => {
  if (job.kind === 'backup') return `${job.trigger === 'schedule' ? 'Scheduled' : 'On demand'} · ${job.id}`;
  if (job.kind === 'verify') return `of ${job.backupId}`;
  return `of ${job.backupId} · ${job.container ?? 'every container'}`;
};

/** Backups with their verification state and actions, and the verifications and restores run on them. */
export function BackupsTable({
  jobs,
  canRestore,
  onRestore,
  ...state
}: TableState & { jobs: readonly TBackupJob[]; canRestore: boolean; onRestore: (job: TBackupJob) => void }) {
  const verify = trpc.backups.verify.useMutation(
    useMutationFeedback({
      success: 'Verification started.',
      invalidate: (u) => [u.backups.list.invalidate()],
    }),
  );
  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={jobs}
      emptyTitle="No backups yet"
      emptyHint="Back up now, or wait for the scheduled one."
      renderRow={(job) => {
        const usable = job.kind === 'backup' && job.status === 'completed' && !job.prunedAt;
        return (
          <tr key={job.id} data-job={job.id} data-kind={job.kind}>
            <td>
              <div className="cell-primary">{KIND[job.kind]}</div>
              <div className={`cell-secondary ${styles.id}`}>{describe(job)}</div>
            </td>
            <td>
              <div className="row">
                <StatusBadge status={job.status} />
                {job.verification && job.kind === 'backup' ? (
                  <VerificationBadge state={job.verification.state} />
                ) : null}
                {job.prunedAt ? <span className="cell-secondary">Pruned</span> : null}
              </div>
              {job.error ? <div className="cell-secondary error-text">{job.error}</div> : null}
              {job.kind === 'backup' && job.verification && job.verification.problems.length > 0 ? (
                <ul className={`cell-secondary error-text ${styles.problems}`}>
                  {job.verification.problems.slice(0, 5).map((problem) => (
                    <li key={problem}>{problem}</li>
                  ))}
                </ul>
              ) : null}
              {job.result ? (
                <div className="cell-secondary">
                  {job.result.written.toLocaleString()} written · {job.result.removed.toLocaleString()}{' '}
                  removed
                </div>
              ) : null}
            </td>
            <td>
              <JobProgress job={job} />
            </td>
            <td className={`tabular ${styles.nowrap}`}>
              <div>{job.kind === 'backup' ? formatBytes(job.size) : '—'}</div>
              <div className="cell-secondary">{formatDuration(job.durationMs)}</div>
            </td>
            <td className="cell-muted">{formatShortDateTime(job.createdAt)}</td>
            <td className="cell-actions">
              <div className="row" style={{ justifyContent: 'flex-end' }}>
                {usable ? (
                  <Button
                    size="sm"
                    disabled={verify.isPending || job.verification?.state === 'verifying'}
                    aria-label={`Verify ${job.id}`}
                    onClick={() => verify.mutate({ id: job.id })}
                  >
                    Verify
                  </Button>
                ) : null}
                {usable && canRestore ? (
                  <Button
                    size="sm"
                    variant="danger"
                    aria-label={`Restore ${job.id}`}
                    disabled={isRunning(job)}
                    onClick={() => onRestore(job)}
                  >
                    Restore
                  </Button>
                ) : null}
              </div>
            </td>
          </tr>
        );
      }}
    />
  );
}
