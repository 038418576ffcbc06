'use client';

import type { TBulkCreateInput } from '@bytelyst/routers/modules/exports/schema';
import { useEffect, useState } from 'react';
import { Button } from '~/components/kit/button';
import { Dialog } from '~/components/kit/dialog';
import { FormError } from '~/components/kit/form-error';
import { errorMessage } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';
import { BulkItems } from './bulk-items';
import { isRunning, JobProgress, JobStatusBadge } from './job-status';

type Props = {
  /** The operation to confirm; the dialog is open while it is set. */
  request: TBulkCreateInput | null;
  title: string;
  /** What the confirm button says, e.g. "Disable users". */
  confirmLabel: string;
  /** Plural noun of the items, e.g. "users". */
  noun: string;
  /** What "already there" means for this operation, e.g. "already disabled". */
  unchangedLabel: string;
  onClose: () => void;
  /** Runs once the operation has ended (refetch the table). */
  onFinished: () => void;
};

/**
 * Asks before a bulk operation with its dry run's count, then follows the job: progress while it runs and the
 * per-item results once it has ended.
 */
export function BulkDialog({
  request,
  title,
  confirmLabel,
  noun,
  unchangedLabel,
  onClose,
  onFinished,
}: Props) {
  const [jobId, setJobId] = useState<string | null>(null);
  const preview = trpc.exports.previewBulk.useMutation();
  const start = trpc.exports.createBulk.useMutation({ onSuccess: (job) => setJobId(job.id) });
  const job = trpc.exports.get.useQuery(
    { id: jobId ?? '' },
    {
      enabled: jobId !== null,
      refetchInterval: (q) => (q.state.data && !isRunning(q.state.data) ? false : 1000),
    },
  );
  const { mutate: runPreview, reset: resetPreview } = preview;
  const { reset: resetStart } = start;

  useEffect(() => {
    if (request) runPreview(request);
  }, [request, runPreview]);
  const ended = job.data !== undefined && !isRunning(job.data);
  useEffect(() => {
    if (ended) onFinished();
  }, [ended, onFinished]);

  const close = () => {
    setJobId(null);
    resetPreview();
    resetStart();
    onClose();
  };
  const count = preview.data?.count ?? 0;
  const unchanged = preview.data?.unchanged ?? 0;

  return (
    <Dialog open={request !== null} onClose={close} title={title}>
      <div className="dialog-body stack">
        {jobId === null ? (
          preview.isPending ? (
            <p className="muted">Counting what this would change…</p>
          ) : preview.data ? (
            <p aria-live="polite" data-testid="bulk-dry-run">
              Dry run: <strong className="tabular">{count}</strong> {noun} match
              {unchanged > 0 ? (
                <>
                  ; <strong className="tabular">{unchanged}</strong> {unchangedLabel} and will be skipped
                </>
              ) : null}
              . Each goes through the same checks as a single change.
            </p>
          ) : null
        ) : job.data ? (
          <section aria-label="Bulk progress" aria-live="polite" className="stack">
            <div className="row row-wrap">
              <JobStatusBadge status={job.data.status} />
              {job.data.counts ? (
                <span className="muted">
                  {job.data.counts.done} done · {job.data.counts.skipped} skipped · {job.data.counts.failed}{' '}
                  failed
                </span>
              ) : null}
            </div>
            <JobProgress job={job.data} />
            {ended ? <BulkItems jobId={job.data.id} running={false} /> : null}
          </section>
        ) : (
          <p className="muted">Starting…</p>
        )}
        <FormError
          message={
            preview.error ? errorMessage(preview.error) : start.error ? errorMessage(start.error) : null
          }
        />
      </div>
      <div className="dialog-footer">
        <Button onClick={close}>{jobId === null ? 'Cancel' : 'Close'}</Button>
        {jobId === null ? (
          <Button
            variant="danger"
            disabled={!preview.data || count === 0}
            loading={start.isPending}
            onClick={() => {
              if (request) start.mutate(request);
            }}
          >
            {confirmLabel}
          </Button>
        ) : null}
      </div>
    </Dialog>
  );
}
