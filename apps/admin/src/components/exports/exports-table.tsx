'use client';

import type { TExportJob } from '@bytelyst/routers/modules/exports/schema';
import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { Dialog } from '~/components/kit/dialog';
import { useToast } from '~/components/kit/toast';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorMessage } from '~/lib/api-errors';
import { formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { BulkItems } from './bulk-items';
import { TYPE_LABELS } from './export-form';
import { isRunning, JobProgress, JobStatusBadge } from './job-status';

const COLUMNS: readonly Column[] = [
  { label: 'What' },
  { label: 'Status' },
  { label: 'Progress' },
  { label: 'Started' },
  { label: 'Actions', className: 'cell-actions' },
];

/** A user's own "download my data" archive (the account module's), one JSON file. */
const USER_DATA_TYPE = 'user_data';

const describe = (job: TExportJob) =>
  job.type === USER_DATA_TYPE
    ? "A user's data (their request) · JSON"
    : job.kind === 'export'
      ? `${TYPE_LABELS[job.type as keyof typeof TYPE_LABELS] ?? job.type} · ${job.format?.toUpperCase()}`
      : job.type === 'users.setStatus'
        ? `Set users ${String(job.filters.status)}`
        : 'Revoke licenses';

const filtersText = (job: TExportJob) => {
  const shown = job.kind === 'bulk' ? (job.filters.selection as Record<string, unknown>) : job.filters;
  if (Array.isArray(shown.ids)) return `${shown.ids.length} selected`;
  const filters = (job.kind === 'bulk' ? shown.filters : shown) as Record<string, unknown>;
  const parts = Object.entries(filters ?? {}).map(([key, value]) => `${key}: ${String(value)}`);
  return parts.length ? parts.join(', ') : 'Everything';
};

/** Past and running exports and bulk operations: progress, download when ready, cancel while running. */
export function ExportsTable({ jobs, ...state }: TableState & { jobs: readonly TExportJob[] }) {
  const utils = trpc.useUtils();
  const toast = useToast();
  const [results, setResults] = useState<TExportJob | null>(null);
  const [downloading, setDownloading] = useState<string | null>(null);
  const cancel = trpc.exports.cancel.useMutation(
    useMutationFeedback({ success: 'Cancelled.', invalidate: (u) => [u.exports.list.invalidate()] }),
  );

  const download = async (job: TExportJob) => {
    setDownloading(job.id);
    try {
      // Always a fresh URL: each is signed for 15 minutes and its hand-out is audited.
      const { url } = await utils.client.exports.getDownloadUrl.query({ id: job.id });
      window.location.assign(url);
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setDownloading(null);
    }
  };

  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={jobs}
      emptyTitle="No exports yet"
      emptyHint="Start one above; bulk operations started from the users and licenses tables show here too."
      renderRow={(job) => (
        <tr key={job.id} data-job={job.id}>
          <td>
            <div className="cell-primary">{describe(job)}</div>
            <div className="cell-secondary">{filtersText(job)}</div>
          </td>
          <td>
            <JobStatusBadge status={job.status} />
            {job.error ? <div className="cell-secondary error-text">{job.error}</div> : null}
          </td>
          <td>
            <JobProgress job={job} />
            {job.counts ? (
              <div className="cell-secondary">
                {job.counts.done} done · {job.counts.skipped} skipped · {job.counts.failed} failed
              </div>
            ) : null}
          </td>
          <td className="cell-muted">{formatDateTime(job.createdAt)}</td>
          <td className="cell-actions">
            <div className="row" style={{ justifyContent: 'flex-end' }}>
              {job.status === 'ready' && job.file && !job.fileDeletedAt ? (
                <Button
                  size="sm"
                  variant="primary"
                  loading={downloading === job.id}
                  aria-label={`Download ${job.file.fileName}`}
                  onClick={() => void download(job)}
                >
                  Download
                </Button>
              ) : null}
              {job.fileDeletedAt ? <span className="cell-secondary">File deleted</span> : null}
              {job.kind === 'bulk' ? (
                <Button size="sm" onClick={() => setResults(job)}>
                  Results
                </Button>
              ) : null}
              {isRunning(job) ? (
                <Button
                  size="sm"
                  variant="danger"
                  disabled={cancel.isPending}
                  onClick={() => cancel.mutate({ id: job.id })}
                >
                  Cancel
                </Button>
              ) : null}
            </div>
          </td>
        </tr>
      )}
    >
      <Dialog open={results !== null} onClose={() => setResults(null)} title="Bulk operation results">
        <div className="dialog-body">
          {results ? <BulkItems jobId={results.id} running={isRunning(results)} /> : null}
        </div>
      </Dialog>
    </DataTable>
  );
}
