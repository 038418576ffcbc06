'use client';

import { useCallback, useEffect } from 'react';
import { Badge, type Tone } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { ProgressBar } from '~/components/kit/progress-bar';
import { errorMessage } from '~/lib/api-errors';
import { formatDateTime } from '~/lib/format';
import styles from './account.module.css';
import { useAccountMutation, useAccountQuery } from './providers';
import { QueryBody } from './section';

const WORKING = new Set(['pending', 'processing']);
const STATUS: Record<string, { label: string; tone: Tone }> = {
  pending: { label: 'Queued', tone: 'info' },
  processing: { label: 'Preparing', tone: 'info' },
  ready: { label: 'Ready', tone: 'success' },
  completed: { label: 'Ready', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
};

const sizeOf = (bytes: number | null) =>
  bytes === null ? '' : bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;

/** The newest export, followed every second while it is being prepared. */
function ExportProgress({ id, onFinished }: { id: string; onFinished: () => void }) {
  const job = useAccountQuery(
    ['data-exports', id],
    (trpc) => trpc.account.getDataExport.query({ id }),
    (data) => (data && !WORKING.has(data.status) ? false : 1000),
  );
  const finished = job.data ? !WORKING.has(job.data.status) : false;
  // The list (and the request button it governs) learns that this export is done.
  useEffect(() => {
    if (finished) onFinished();
  }, [finished, onFinished]);
  return (
    <QueryBody
      query={job}
      label="your export"
      render={(e) => {
        const status = STATUS[e.status] ?? { label: e.status, tone: 'neutral' as Tone };
        const total = e.estimatedTotal ?? 0;
        return (
          <section aria-label="Latest data export" className="stack">
            <div className={styles.row}>
              <Badge tone={status.tone}>{status.label}</Badge>
              <span className="muted">Requested {formatDateTime(e.createdAt)}</span>
            </div>
            {WORKING.has(e.status) ? (
              <div className={styles.meter}>
                <ProgressBar
                  label="Export progress"
                  value={e.processed}
                  max={total > 0 ? total : null}
                  thick
                />
                <span className="muted">
                  {total > 0 ? `${e.processed} of ${total} records` : `${e.processed} records`} gathered
                </span>
              </div>
            ) : null}
            {e.downloadUrl ? (
              <p className={styles.row}>
                <a className="btn btn-primary" href={e.downloadUrl} download={e.fileName ?? undefined}>
                  Download your data
                </a>
                <span className="muted">
                  {e.fileName} {sizeOf(e.size)} · the file is deleted {formatDateTime(e.fileExpiresAt)}
                </span>
              </p>
            ) : null}
            {e.error ? (
              <p className="alert alert-error" role="alert">
                {e.error}
              </p>
            ) : null}
          </section>
        );
      }}
    />
  );
}

/** "Download my data": an archive of everything the platform holds about the user, as JSON. */
export function DataExportSection() {
  const list = useAccountQuery(['data-exports'], (trpc) => trpc.account.listDataExports.query({ limit: 5 }));
  const request = useAccountMutation((trpc) => trpc.account.requestDataExport.mutate(), [['data-exports']]);
  const { refetch } = list;
  const refreshList = useCallback(() => void refetch(), [refetch]);
  const latest = list.data?.items[0];
  const busy = latest ? WORKING.has(latest.status) : false;
  return (
    <Card
      titleId="data-export-title"
      title="Download my data"
      subtitle="Your profile, subscription history, usage, licenses, devices, settings, feedback and telemetry, as JSON. We also email you the link."
      actions={
        <Button
          variant="primary"
          loading={request.isPending}
          disabled={busy}
          onClick={() => request.mutate(undefined)}
        >
          Request my data
        </Button>
      }
    >
      {request.error ? (
        <p className="alert alert-error" role="alert">
          {errorMessage(request.error)}
        </p>
      ) : null}
      <QueryBody
        query={list}
        label="your exports"
        render={({ items }) =>
          items[0] ? (
            <ExportProgress key={items[0].id} id={items[0].id} onFinished={refreshList} />
          ) : (
            <p className="muted">You have not asked for your data yet.</p>
          )
        }
      />
    </Card>
  );
}
