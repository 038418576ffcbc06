import type { TAuditEntry } from '@bytelyst/routers/modules/audit/schema';
import { Badge } from '~/components/kit/badge';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { formatDateTime } from '~/lib/format';

const COLUMNS: readonly Column[] = [
  { label: 'Time' },
  { label: 'Actor' },
  { label: 'Action' },
  { label: 'Target' },
  { label: 'Request ID' },
  { label: 'IP' },
];

type Props = TableState & {
  entries: readonly TAuditEntry[];
  filtered: boolean;
  /** Narrows the log to one actor or target when its ID is clicked. */
  onFilter: (key: 'actorId' | 'targetId', value: string) => void;
};

function IdButton({ id, label, onClick }: { id: string; label: string; onClick: () => void }) {
  return (
    <button type="button" className="link-button mono" title={label} onClick={onClick}>
      {id}
    </button>
  );
}

export function AuditTable({ entries, filtered, onFilter, ...state }: Props) {
  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={entries}
      emptyTitle={filtered ? 'No entries match these filters' : 'No audit entries yet'}
      emptyHint={
        filtered ? 'Widen the date range or clear a filter.' : 'Admin actions appear here as they happen.'
      }
      renderRow={(entry) => (
        <tr key={entry.id}>
          <td className="cell-muted">{formatDateTime(entry.at)}</td>
          <td>
            <div className="cell-primary">{entry.actorEmail || entry.actorId}</div>
            <div className="cell-secondary">
              <IdButton
                id={entry.actorId}
                label="Show only this actor"
                onClick={() => onFilter('actorId', entry.actorId)}
              />
              {entry.actorTokenId ? ' · via API token' : ''}
              {entry.impersonatedBy && entry.impersonatedBy !== entry.actorId
                ? ` · impersonated by ${entry.impersonatedBy}`
                : ''}
            </div>
          </td>
          <td>
            <span className="row row-tight row-wrap">
              <Badge tone="accent">
                <span className="mono">{entry.action}</span>
              </Badge>
              {entry.impersonatedBy ? <Badge tone="warning">Impersonation</Badge> : null}
              {entry.details?.outcome === 'refused' ? <Badge tone="danger">Refused</Badge> : null}
            </span>
          </td>
          <td>
            <div>{entry.targetType}</div>
            <div className="cell-secondary">
              {entry.targetId ? (
                <IdButton
                  id={entry.targetId}
                  label="Show only this target"
                  onClick={() => onFilter('targetId', entry.targetId ?? '')}
                />
              ) : (
                '—'
              )}
            </div>
          </td>
          <td className="cell-muted mono">
            {/* Ids are long UUIDs: the table shows their start, the tooltip and the clipboard the whole. */}
            <span className="truncate" title={entry.requestId}>
              {entry.requestId}
            </span>
          </td>
          <td className="cell-muted mono">{entry.ip}</td>
        </tr>
      )}
    />
  );
}
