'use client';

import {
  daysError,
  type TPolicy,
  type TPreview,
  type TRetentionContainer,
} from '@bytelyst/routers/modules/retention/schema';
import { useState } from 'react';
import { Badge } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { useFormErrors } from '~/hooks/use-form-errors';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { trpc } from '~/lib/trpc';
import styles from './retention.module.css';

const COLUMNS: readonly Column[] = [
  { label: 'Container' },
  { label: 'Kept' },
  { label: 'Bounds' },
  { label: 'Removed by' },
  { label: 'Due now', className: 'cell-right' },
  { label: 'Actions', className: 'cell-actions' },
];

type Props = TableState & {
  policies: readonly TPolicy[];
  canEdit: boolean;
  preview: TPreview | undefined;
};

function RemovedBy({ policy }: { policy: TPolicy }) {
  if (policy.mode === 'ttl') {
    const by = policy.container === 'export_files' ? 'the exports cleanup' : 'their TTL';
    return (
      <span
        title={`Documents are written to expire after ${policy.ttlDays} days; the cleanup takes what TTL misses`}
      >
        <Badge tone="info">TTL</Badge> <span className="cell-secondary">{by}</span>
      </span>
    );
  }
  return (
    <span title="The daily cleanup deletes them in batches">
      <Badge tone="accent">Cleanup</Badge>{' '}
      <span className="cell-secondary">
        {policy.ttlDays === null ? 'no TTL' : `before the ${policy.ttlDays}-day TTL`}
      </span>
    </span>
  );
}

/** The days field of one row, edited in place; saved through `retention.setPolicy` (super_admin). */
function DaysEditor({ policy, onDone }: { policy: TPolicy; onDone: () => void }) {
  const [value, setValue] = useState(String(policy.days));
  const { fields, formError, check, fromApi } = useFormErrors();
  const save = trpc.retention.setPolicy.useMutation(
    useMutationFeedback({
      success: `${policy.label}: kept ${value} days.`,
      invalidate: (u) => [u.retention.listPolicies.invalidate()],
      onDone,
      form: { fromApi },
    }),
  );
  const submit = () => {
    const days = Number(value);
    const error = Number.isInteger(days) ? daysError(policy.container, days) : 'Whole days only';
    if (!check(error ? { days: error } : {})) return;
    save.mutate({ container: policy.container, days });
  };
  const error = fields.days ?? formError ?? undefined;
  return (
    <form
      className={styles.editor}
      aria-label={`Days kept for ${policy.label}`}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      noValidate
    >
      <div className={styles.editorRow}>
        <input
          className={`input ${styles.daysInput}`}
          type="number"
          inputMode="numeric"
          min={policy.minDays}
          max={policy.maxDays}
          value={value}
          aria-label={`${policy.label} days`}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setValue(event.target.value)}
          // biome-ignore lint/a11y/noAutofocus: the field appears because the user asked to edit it
          autoFocus
        />
        <Button size="sm" variant="primary" type="submit" loading={save.isPending}>
          Save
        </Button>
        <Button size="sm" onClick={onDone}>
          Cancel
        </Button>
      </div>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </form>
  );
}

export function PoliciesTable({ policies, canEdit, preview, ...state }: Props) {
  const [editing, setEditing] = useState<TRetentionContainer | null>(null);
  const due = new Map(preview?.items.map((item) => [item.container, item]));
  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={policies}
      emptyTitle="No retention policies"
      renderRow={(policy) => {
        const item = due.get(policy.container);
        return (
          <tr key={policy.container} data-container={policy.container}>
            <td>
              <div className="cell-primary">{policy.label}</div>
              <div className="cell-secondary mono">{policy.container}</div>
              <div className="cell-secondary">
                Age: {policy.timeField}
                {policy.userFields.length > 0 ? ` · holds: ${policy.userFields.join(', ')}` : ''}
              </div>
            </td>
            <td>
              {editing === policy.container ? (
                <DaysEditor policy={policy} onDone={() => setEditing(null)} />
              ) : (
                <>
                  <div className="cell-primary tabular">{policy.days} days</div>
                  <div className="cell-secondary">
                    {policy.days === policy.defaultDays ? 'Default' : `Default ${policy.defaultDays}`}
                  </div>
                </>
              )}
            </td>
            <td className="nowrap" title={policy.why}>
              <span className="tabular">
                {policy.minDays}–{policy.maxDays} days
              </span>
              <div className={`cell-secondary ${styles.why}`}>{policy.why}</div>
            </td>
            <td>
              <RemovedBy policy={policy} />
            </td>
            <td className="cell-right tabular">
              {item ? (
                <>
                  <div className="cell-primary">{item.wouldRemove.toLocaleString()}</div>
                  {item.exempt > 0 ? (
                    <div className="cell-secondary">{item.exempt.toLocaleString()} held</div>
                  ) : null}
                </>
              ) : (
                <span className="cell-muted">—</span>
              )}
            </td>
            <td className="cell-actions">
              {canEdit && editing !== policy.container ? (
                <Button
                  size="sm"
                  aria-label={`Edit ${policy.label}`}
                  onClick={() => setEditing(policy.container)}
                >
                  Edit
                </Button>
              ) : null}
            </td>
          </tr>
        );
      }}
    />
  );
}
