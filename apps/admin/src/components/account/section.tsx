'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorState } from '~/components/kit/states';

/** A query's body: loading text, its error with a retry, or `render` with the data. */
export function QueryBody<T>({
  query,
  label,
  render,
}: {
  query: Pick<UseQueryResult<T>, 'data' | 'error' | 'isLoading' | 'refetch'>;
  label: string;
  render: (data: T) => ReactNode;
}) {
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isLoading || query.data === undefined) return <p role="status">Loading {label}…</p>;
  return <>{render(query.data)}</>;
}

/** Term/value pairs as a description list. */
export function Facts({
  items,
  className,
}: {
  items: [string, ReactNode][];
  className?: string | undefined;
}) {
  return (
    <dl className={className}>
      {items.map(([term, value]) => (
        <div key={term} style={{ display: 'contents' }}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
