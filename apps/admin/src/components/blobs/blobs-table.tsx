'use client';

import type { TBlobObject } from '@bytelyst/routers/modules/blob/schema';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { formatDateTime } from '~/lib/format';
import styles from './blobs.module.css';
import { formatBytes } from './format-bytes';

const COLUMNS: readonly Column[] = [
  { label: 'Key' },
  { label: 'Size' },
  { label: 'Type' },
  { label: 'Modified' },
];

type Props = TableState & {
  blobs: readonly TBlobObject[];
  selected: string | null;
  onSelect: (key: string) => void;
};

export function BlobsTable({ blobs, selected, onSelect, ...state }: Props) {
  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={blobs}
      emptyTitle="No blobs here"
      emptyHint="Nothing in this container starts with that prefix."
      renderRow={(blob) => (
        <tr key={blob.key} className={blob.key === selected ? styles.selected : undefined}>
          <td className="cell-primary">
            <button type="button" className={styles.key} onClick={() => onSelect(blob.key)}>
              {blob.key}
            </button>
          </td>
          <td className="tabular nowrap">{formatBytes(blob.size)}</td>
          <td className="cell-muted">{blob.contentType}</td>
          <td className="cell-muted nowrap">{formatDateTime(blob.lastModified)}</td>
        </tr>
      )}
    />
  );
}
