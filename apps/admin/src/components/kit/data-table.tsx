import type { ReactNode } from 'react';
import { TableBodyState } from './states';

export type Column = { label: string; className?: string };

/** Where a table's query stands; the views pass it on from their tRPC query. */
export type TableState = { isLoading: boolean; error: unknown; onRetry: () => void };

export const tableStateOf = (query: {
  isLoading: boolean;
  error: unknown;
  refetch: () => Promise<unknown>;
}): TableState => ({
  isLoading: query.isLoading,
  error: query.error,
  onRetry: () => void query.refetch(),
});

type Props<Row> = TableState & {
  columns: readonly Column[];
  rows: readonly Row[];
  emptyTitle: string;
  emptyHint?: ReactNode;
  renderRow: (row: Row) => ReactNode;
  /** Rendered after the table inside its wrapper, e.g. a confirm dialog for a row action. */
  children?: ReactNode;
};

/** A table with a header row, and a body that shows loading, error and empty states. */
export function DataTable<Row>({
  columns,
  rows,
  isLoading,
  error,
  onRetry,
  emptyTitle,
  emptyHint,
  renderRow,
  children,
}: Props<Row>) {
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className={column.className}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <TableBodyState
            columns={columns.length}
            isLoading={isLoading}
            error={error}
            onRetry={onRetry}
            isEmpty={rows.length === 0}
            emptyTitle={emptyTitle}
            emptyHint={emptyHint}
          />
          {!isLoading && !error ? rows.map(renderRow) : null}
        </tbody>
      </table>
      {children}
    </div>
  );
}
