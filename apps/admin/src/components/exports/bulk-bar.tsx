'use client';

import type { ReactNode } from 'react';
import { Button } from '~/components/kit/button';
import styles from './exports.module.css';
import type { Selection } from './use-selection';

/** Above a selectable table: what is selected, "all matching" for the filter, and the bulk actions. */
export function BulkBar({
  selection,
  total,
  noun,
  children,
}: {
  selection: Selection;
  /** Rows matching the table's filter. */
  total: number | undefined;
  noun: string;
  children: ReactNode;
}) {
  const picked = selection.allMatching ? (total ?? 0) : selection.ids.size;
  return (
    <div className={styles.bulkBar} role="toolbar" aria-label={`Bulk actions on ${noun}`}>
      <span className="muted" data-testid="bulk-selected">
        {selection.allMatching
          ? `All ${total ?? ''} ${noun} matching the filter`
          : `${picked} ${noun} selected`}
      </span>
      {selection.allMatching || total === undefined ? null : (
        <Button size="sm" variant="ghost" onClick={selection.selectAllMatching}>
          Select all {total} matching
        </Button>
      )}
      {picked > 0 ? (
        <Button size="sm" variant="ghost" onClick={selection.clear}>
          Clear
        </Button>
      ) : null}
      <span style={{ flex: 1 }} />
      {children}
    </div>
  );
}
