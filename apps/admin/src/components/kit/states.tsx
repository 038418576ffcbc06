import type { ReactNode } from 'react';
import { errorMessage } from '~/lib/api-errors';
import { Button } from './button';
import { Icon } from './icon';

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state">
      <span className="state-icon">
        <Icon name="inbox" size={20} />
      </span>
      <p className="state-title">{title}</p>
      {children ? <div>{children}</div> : null}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <span className="state-icon">
        <Icon name="alert" size={20} />
      </span>
      <p className="state-title">Could not load this</p>
      <p>{errorMessage(error)}</p>
      {onRetry ? (
        <Button size="sm" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}

/** Placeholder rows with the table's real column count, so the layout does not jump. */
function SkeletonRows({ columns, rows = 6 }: { columns: number; rows?: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, row) => (
        <tr key={row}>
          {Array.from({ length: columns }, (_, column) => (
            <td key={column}>
              <span
                aria-hidden="true"
                className="skeleton"
                style={{ width: `${50 + ((row + column) % 4) * 12}%` }}
              />
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}

/** The body of a data table: skeleton while loading, an error or empty message across all columns. */
export function TableBodyState({
  columns,
  isLoading,
  error,
  isEmpty,
  emptyTitle,
  emptyHint,
  onRetry,
}: {
  columns: number;
  isLoading: boolean;
  error: unknown;
  isEmpty: boolean;
  emptyTitle: string;
  emptyHint?: ReactNode;
  onRetry?: () => void;
}) {
  if (isLoading) return <SkeletonRows columns={columns} />;
  if (error)
    return (
      <tr>
        <td colSpan={columns}>
          <ErrorState error={error} onRetry={onRetry} />
        </td>
      </tr>
    );
  if (isEmpty)
    return (
      <tr>
        <td colSpan={columns}>
          <EmptyState title={emptyTitle}>{emptyHint}</EmptyState>
        </td>
      </tr>
    );
  return null;
}
