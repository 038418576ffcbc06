'use client';

import type { TWaitlistEntry } from '@bytelyst/routers/modules/growth/waitlist/schema';
import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { formatDate } from '~/lib/format';
import { WaitlistStatusBadge } from './growth-badges';
import { RemoveEntryDialog } from './remove-entry-dialog';

const COLUMNS: readonly Column[] = [
  { label: 'Select' },
  { label: '#' },
  { label: 'Person' },
  { label: 'Status' },
  { label: 'Source' },
  { label: 'Added' },
  { label: 'Invitation' },
  { label: 'Actions', className: 'cell-actions' },
];

type Props = TableState & {
  entries: readonly TWaitlistEntry[];
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
};

/** Waitlist entries in position order; waiting ones can be selected for an invitation. */
export function WaitlistTable({ entries, selected, onToggle, ...state }: Props) {
  const [removing, setRemoving] = useState<TWaitlistEntry | null>(null);
  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={entries}
      emptyTitle="Nobody on the waitlist"
      emptyHint="Sign-ups arrive through the public waitlist.join endpoint."
      renderRow={(entry) => (
        <tr key={entry.id} aria-selected={selected.has(entry.id)}>
          <td>
            <input
              type="checkbox"
              aria-label={`Select ${entry.email}`}
              checked={selected.has(entry.id)}
              disabled={entry.status !== 'waiting'}
              onChange={() => onToggle(entry.id)}
            />
          </td>
          <td className="tabular">{entry.position}</td>
          <td>
            <div className="cell-primary">{entry.email}</div>
            {entry.name ? <div className="cell-secondary">{entry.name}</div> : null}
          </td>
          <td>
            <WaitlistStatusBadge status={entry.status} />
          </td>
          <td className="cell-muted">{entry.source ?? '—'}</td>
          <td className="cell-muted">{formatDate(entry.createdAt)}</td>
          <td>
            {entry.invitationCode ? (
              <code title={`Invited ${formatDate(entry.invitedAt)}`}>{entry.invitationCode}</code>
            ) : (
              <span className="muted">—</span>
            )}
          </td>
          <td className="cell-actions">
            {entry.status === 'removed' || entry.status === 'joined' ? null : (
              <Button size="sm" aria-label={`Remove ${entry.email}`} onClick={() => setRemoving(entry)}>
                Remove
              </Button>
            )}
          </td>
        </tr>
      )}
    >
      <RemoveEntryDialog entry={removing} onClose={() => setRemoving(null)} />
    </DataTable>
  );
}
