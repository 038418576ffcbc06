'use client';

import type { TTrackerItem } from '@bytelyst/routers/modules/tracker/items/schema';
import Link from 'next/link';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { formatDate, formatRelative } from '~/lib/format';
import { ItemKindBadge, ItemStatusBadge, PriorityBadge } from './labels';
import styles from './tracker.module.css';

const COLUMNS: readonly Column[] = [
  { label: 'Title' },
  { label: 'Kind' },
  { label: 'Status' },
  { label: 'Priority' },
  { label: 'Votes' },
  { label: 'Comments' },
  { label: 'Created' },
  { label: 'Updated' },
];

export function ItemsTable({ items, ...state }: TableState & { items: readonly TTrackerItem[] }) {
  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={items}
      emptyTitle="No tracker items"
      emptyHint="Nothing matches these filters. Users file bugs, features and tasks from the apps."
      renderRow={(item) => (
        <tr key={item.id}>
          <td className="cell-primary">
            <Link className="table-link" href={`/tracker/${encodeURIComponent(item.id)}`}>
              {item.title}
            </Link>
            {item.tags.length > 0 ? (
              <div className="cell-secondary">{item.tags.map((t) => `#${t}`).join(' ')}</div>
            ) : null}
          </td>
          <td>
            <ItemKindBadge kind={item.kind} />
          </td>
          <td>
            <ItemStatusBadge status={item.status} />
          </td>
          <td>
            <PriorityBadge priority={item.priority} />
          </td>
          <td className={styles.votes}>{item.votes}</td>
          <td className="tabular">{item.commentCount}</td>
          <td className="cell-muted">{formatDate(item.createdAt)}</td>
          <td className="cell-muted">{formatRelative(item.updatedAt)}</td>
        </tr>
      )}
    />
  );
}
