'use client';

import type { ReactNode } from 'react';
import { EmptyState, ErrorState } from '~/components/kit/states';
import styles from './analytics.module.css';

type QueryState = { isLoading: boolean; error: unknown; refetch: () => unknown };

/**
 * A chart's states from its query: a placeholder while it loads, the error with a retry, an empty message when
 * there is nothing to draw; otherwise the chart as an image with its accessible name and, under it, the same
 * figures as a table a screen reader (or anyone wanting exact values) can read.
 */
export function ChartFrame({
  query,
  empty,
  emptyHint,
  label,
  tall = false,
  showTable = false,
  chart,
  table,
}: {
  query: QueryState;
  /** Why there is nothing to draw, or null when there is. */
  empty: string | null;
  emptyHint?: ReactNode;
  label: string;
  tall?: boolean;
  /** The table is part of the reading (the funnel's steps), not only a fallback: shown, not folded. */
  showTable?: boolean;
  chart: ReactNode;
  table: ReactNode;
}) {
  const box = tall ? `${styles.chartBox} ${styles.chartTall}` : styles.chartBox;
  if (query.isLoading) {
    return (
      <div className={box} aria-busy="true" aria-label={`${label}: loading`} role="img">
        <span className={`skeleton ${styles.chartSkeleton}`} />
      </div>
    );
  }
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (empty) return <EmptyState title={empty}>{emptyHint}</EmptyState>;
  return (
    <>
      <div className={box} role="img" aria-label={label}>
        {chart}
      </div>
      {showTable ? (
        <div className="table-wrap">{table}</div>
      ) : (
        <details className="disclosure">
          <summary>Data table</summary>
          <div className={`table-wrap ${styles.tableScroll}`}>{table}</div>
        </details>
      )}
    </>
  );
}

/** The hint under an empty chart whose range has no rollups yet. */
export const NOT_ROLLED_UP_HINT = 'Recompute the range to build its rollups from the raw data.';

/** A simple table of rows under a header, for the chart fallbacks. */
export function FigureTable({
  caption,
  header,
  rows,
}: {
  caption: string;
  header: readonly string[];
  rows: readonly (readonly ReactNode[])[];
}) {
  return (
    <table className="table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {header.map((cell) => (
            <th key={cell} scope="col">
              {cell}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          // Rows are positional (a period or a step): the index is their identity.
          <tr key={i}>
            {row.map((cell, j) => (
              <td key={j} className={j === 0 ? 'cell-primary' : 'tabular'}>
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
