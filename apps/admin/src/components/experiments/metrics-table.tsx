'use client';

import type { TMetricDefinition } from '@bytelyst/routers/modules/experiments/metrics-schema';
import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorMessage } from '~/lib/api-errors';
import { formatDateTime, formatRelative } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { KIND_LABELS } from './labels';
import { describeEvent } from './metric-form';

const COLUMNS: readonly Column[] = [
  { label: 'Metric' },
  { label: 'Kind' },
  { label: 'Measures' },
  { label: 'Window' },
  { label: 'Better when' },
  { label: 'Updated' },
  { label: 'Actions', className: 'cell-actions' },
];

type Props = TableState & { metrics: readonly TMetricDefinition[]; onEdit: (m: TMetricDefinition) => void };

export function MetricsTable({ metrics, onEdit, ...state }: Props) {
  const [deleting, setDeleting] = useState<TMetricDefinition | null>(null);
  const remove = trpc.experiments.metrics.delete.useMutation(
    useMutationFeedback({
      success: (m) => `Metric ${m.key} was deleted.`,
      onDone: () => setDeleting(null),
      invalidate: (u) => [u.experiments.metrics.invalidate()],
      error: false,
    }),
  );
  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={metrics}
      emptyTitle="No metrics yet"
      emptyHint="Define what experiments measure: a conversion over a telemetry event is the usual first one."
      renderRow={(m) => (
        <tr key={m.key}>
          <td>
            <div className="stack-tight">
              <span className="cell-primary">{m.name}</span>
              <code className="cell-secondary">{m.key}</code>
            </div>
          </td>
          <td>{KIND_LABELS[m.kind]}</td>
          <td className="mono">
            {describeEvent(m.numerator)}
            {m.denominator ? ` / ${describeEvent(m.denominator)}` : ''}
          </td>
          <td className="tabular">{m.windowHours === null ? 'Whole window' : `${m.windowHours} h`}</td>
          <td>{m.direction === 'higher' ? 'Higher' : 'Lower'}</td>
          <td className="cell-muted nowrap" title={formatDateTime(m.updatedAt)}>
            {formatRelative(m.updatedAt)}
          </td>
          <td className="cell-actions">
            <div className="btn-group btn-group-end">
              <Button size="sm" aria-label={`Edit ${m.key}`} onClick={() => onEdit(m)}>
                Edit
              </Button>
              <Button size="sm" variant="ghost" aria-label={`Delete ${m.key}`} onClick={() => setDeleting(m)}>
                Delete
              </Button>
            </div>
          </td>
        </tr>
      )}
    >
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.key ?? 'metric'}?`}
        description="Only a metric no experiment names can be deleted."
        confirmLabel="Delete metric"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => {
          if (deleting) remove.mutate({ key: deleting.key });
        }}
        onClose={() => {
          remove.reset();
          setDeleting(null);
        }}
      />
    </DataTable>
  );
}
