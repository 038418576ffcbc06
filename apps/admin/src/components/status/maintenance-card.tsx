'use client';

import type { TMaintenance } from '@bytelyst/routers/modules/status/schema';
import { type ReactNode, useState } from 'react';
import { Badge } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorMessage } from '~/lib/api-errors';
import { formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { MAINTENANCE_STATUS_LABELS } from './labels';

const COLUMNS: readonly Column[] = [
  { label: 'Window' },
  { label: 'Status' },
  { label: 'When' },
  { label: 'Components' },
  { label: 'Actions', className: 'cell-actions' },
];

const TONES = {
  scheduled: 'neutral',
  in_progress: 'info',
  completed: 'success',
  cancelled: 'neutral',
} as const;

type Props = TableState & { windows: readonly TMaintenance[]; actions: ReactNode };

/** Maintenance windows: the job moves them; an admin can cancel one not started or end one early. */
export function MaintenanceCard({ windows, actions, ...state }: Props) {
  const [cancelling, setCancelling] = useState<TMaintenance | null>(null);
  const cancel = trpc.status.maintenance.delete.useMutation(
    useMutationFeedback({
      success: `“${cancelling?.title ?? 'The window'}” was cancelled.`,
      onDone: () => setCancelling(null),
      invalidate: (u) => [u.status.invalidate()],
      error: false,
    }),
  );
  const end = trpc.status.maintenance.update.useMutation(
    useMutationFeedback({
      success: (w) => `“${w.title}” has ended.`,
      invalidate: (u) => [u.status.invalidate()],
    }),
  );
  return (
    <section className="card" aria-labelledby="maintenance-title">
      <div className="card-header">
        <div>
          <h2 className="card-title" id="maintenance-title">
            Maintenance
          </h2>
          <p className="card-subtitle">
            Started and completed by the job runner at their times; windows of the maintenance switch end with
            it.
          </p>
        </div>
        {actions}
      </div>
      <DataTable
        {...state}
        columns={COLUMNS}
        rows={windows}
        emptyTitle="No maintenance scheduled"
        emptyHint="Schedule a window to warn users ahead and keep it out of uptime."
        renderRow={(window) => (
          <tr key={window.id}>
            <td>
              <div className="cell-primary">{window.title}</div>
              <div className="cell-muted truncate">{window.message}</div>
            </td>
            <td>
              <Badge tone={TONES[window.status]} dot>
                {MAINTENANCE_STATUS_LABELS[window.status]}
              </Badge>
              {window.source === 'switch' ? <div className="cell-muted">Maintenance switch</div> : null}
            </td>
            <td className="cell-muted">
              <div>{formatDateTime(window.startedAt ?? window.scheduledStart)}</div>
              <div>
                to{' '}
                {window.completedAt || window.scheduledEnd
                  ? formatDateTime(window.completedAt ?? window.scheduledEnd)
                  : 'the end of the switch'}
              </div>
            </td>
            <td className="cell-muted">{window.components.map((c) => c.name).join(', ') || '—'}</td>
            <td className="cell-actions">
              {window.status === 'scheduled' ? (
                <Button size="sm" aria-label={`Cancel ${window.title}`} onClick={() => setCancelling(window)}>
                  Cancel
                </Button>
              ) : null}
              {window.status === 'in_progress' && window.source === 'scheduled' ? (
                <Button
                  size="sm"
                  aria-label={`End ${window.title} now`}
                  loading={end.isPending && end.variables?.id === window.id}
                  onClick={() => end.mutate({ id: window.id, scheduledEnd: new Date().toISOString() })}
                >
                  End now
                </Button>
              ) : null}
            </td>
          </tr>
        )}
      />
      <ConfirmDialog
        open={cancelling !== null}
        title={`Cancel “${cancelling?.title ?? ''}”?`}
        description="The window is removed from the public page and subscribers are told it is cancelled."
        confirmLabel="Cancel window"
        pending={cancel.isPending}
        error={cancel.error ? errorMessage(cancel.error) : null}
        onConfirm={() => cancelling && cancel.mutate({ id: cancelling.id })}
        onClose={() => setCancelling(null)}
      />
    </section>
  );
}
