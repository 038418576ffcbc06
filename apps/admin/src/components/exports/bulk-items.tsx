'use client';

import type { TItemState } from '@bytelyst/routers/modules/exports/schema';
import { useState } from 'react';
import { Badge, type Tone } from '~/components/kit/badge';
import { type Column, DataTable, tableStateOf } from '~/components/kit/data-table';
import { SelectField } from '~/components/kit/field';
import { trpc } from '~/lib/trpc';

const STATE: Record<TItemState, { tone: Tone; label: string }> = {
  pending: { tone: 'neutral', label: 'Pending' },
  done: { tone: 'success', label: 'Done' },
  skipped: { tone: 'warning', label: 'Skipped' },
  failed: { tone: 'danger', label: 'Failed' },
};

const COLUMNS: readonly Column[] = [
  { label: '#' },
  { label: 'Item' },
  { label: 'Result' },
  { label: 'Reason or error' },
];

/** A bulk operation's items in order, with what happened to each; refreshed while the operation runs. */
export function BulkItems({ jobId, running }: { jobId: string; running: boolean }) {
  const [state, setState] = useState<TItemState | ''>('');
  const items = trpc.exports.listItems.useQuery(
    { id: jobId, limit: 200, ...(state ? { state } : {}) },
    { refetchInterval: running ? 1000 : false },
  );
  return (
    <div className="stack">
      <SelectField
        label="Show"
        value={state}
        options={[
          { value: '', label: 'Every item' },
          ...Object.entries(STATE).map(([value, { label }]) => ({ value, label })),
        ]}
        onChange={(event) => setState(event.target.value as TItemState | '')}
      />
      <DataTable
        {...tableStateOf(items)}
        columns={COLUMNS}
        rows={items.data?.items ?? []}
        emptyTitle={state ? 'No items in this state' : 'No items yet'}
        renderRow={(item) => (
          <tr key={item.seq}>
            <td className="cell-muted tabular">{item.seq + 1}</td>
            <td>
              <div className="cell-primary">{item.label ?? item.targetId}</div>
              <div className="cell-secondary">{item.targetId}</div>
            </td>
            <td>
              <Badge tone={STATE[item.state].tone} dot>
                {STATE[item.state].label}
              </Badge>
            </td>
            <td className="cell-muted">{item.message ?? '—'}</td>
          </tr>
        )}
      />
    </div>
  );
}
