'use client';

import type { TFlag } from '@bytelyst/routers/modules/flags/schema';
import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { ConfirmRemoveDialog } from '~/components/kit/confirm-dialog';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { formatDateTime, formatRelative } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import styles from './controls.module.css';
import { targetingSummary } from './flag-form';
import { Switch } from './switch';

const COLUMNS: readonly Column[] = [
  { label: 'Flag' },
  { label: 'Enabled' },
  { label: 'Rollout' },
  { label: 'Targeting' },
  { label: 'Updated' },
  { label: 'Actions', className: 'cell-actions' },
];

type Props = TableState & {
  flags: readonly TFlag[];
  filtered: boolean;
  onEdit: (flag: TFlag) => void;
};

export function FlagsTable({ flags, filtered, onEdit, ...state }: Props) {
  const [deleting, setDeleting] = useState<TFlag | null>(null);
  const toggle = trpc.flags.toggle.useMutation(
    useMutationFeedback({
      success: (flag) => `${flag.key} is now ${flag.enabled ? 'on' : 'off'}.`,
      invalidate: (u) => [u.flags.invalidate()],
    }),
  );
  const remove = trpc.flags.delete.useMutation(
    useMutationFeedback({
      success: (flag) => `Flag ${flag.key} was deleted.`,
      onDone: () => setDeleting(null),
      invalidate: (u) => [u.flags.invalidate()],
      error: false,
    }),
  );

  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={flags}
      emptyTitle={filtered ? 'No flags match' : 'No feature flags yet'}
      emptyHint={filtered ? 'Try another search.' : 'Create one to roll a feature out gradually.'}
      renderRow={(flag) => (
        <tr key={flag.id}>
          <td>
            <div className="stack-tight">
              <code className="cell-primary">{flag.key}</code>
              {flag.description ? <span className="cell-secondary">{flag.description}</span> : null}
            </div>
          </td>
          <td>
            <Switch
              checked={flag.enabled}
              label={`Enable ${flag.key}`}
              disabled={toggle.isPending && toggle.variables?.id === flag.id}
              onChange={(enabled) => toggle.mutate({ id: flag.id, enabled })}
            />
          </td>
          <td className="tabular">
            {flag.percentage}%
            <span className={styles.bar} aria-hidden="true">
              <span className={styles.barFill} style={{ width: `${flag.percentage}%` }} />
            </span>
          </td>
          <td className="cell-muted">{targetingSummary(flag.targeting).join(' · ')}</td>
          <td className="cell-muted nowrap" title={formatDateTime(flag.updatedAt)}>
            {formatRelative(flag.updatedAt)}
          </td>
          <td className="cell-actions">
            <div className="btn-group btn-group-end">
              <Button size="sm" aria-label={`Edit ${flag.key}`} onClick={() => onEdit(flag)}>
                Edit
              </Button>
              <Button
                size="sm"
                variant="ghost"
                aria-label={`Delete ${flag.key}`}
                onClick={() => setDeleting(flag)}
              >
                Delete
              </Button>
            </div>
          </td>
        </tr>
      )}
    >
      <ConfirmRemoveDialog
        target={deleting}
        mutation={remove}
        title={`Delete ${deleting?.key ?? 'flag'}?`}
        description="Clients stop receiving this key at once; code that reads it falls back to its default."
        confirmLabel="Delete flag"
        onClose={() => setDeleting(null)}
      />
    </DataTable>
  );
}
