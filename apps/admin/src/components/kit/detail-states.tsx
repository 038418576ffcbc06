'use client';

import type { ReactNode } from 'react';
import { httpStatusOf } from '~/lib/api-errors';
import { PageHeader } from './page-header';
import { EmptyState, ErrorState } from './states';

type DetailQuery = { error: unknown; data: unknown; refetch: () => unknown };

/**
 * The not-found, error and loading states every detail page has, or null once the data is there. The caller
 * renders the page itself when this returns null.
 */
export function detailState(
  query: DetailQuery,
  opts: {
    noun: string;
    breadcrumb: ReactNode;
    notFound: { title: string; body: ReactNode };
  },
): ReactNode | null {
  const { breadcrumb } = opts;
  if (httpStatusOf(query.error) === 404) {
    return (
      <>
        <PageHeader title={`${opts.noun} not found`} breadcrumb={breadcrumb} />
        <div className="card">
          <EmptyState title={opts.notFound.title}>{opts.notFound.body}</EmptyState>
        </div>
      </>
    );
  }
  if (query.error) {
    return (
      <>
        <PageHeader title={opts.noun} breadcrumb={breadcrumb} />
        <div className="card">
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        </div>
      </>
    );
  }
  if (!query.data) {
    return (
      <>
        <PageHeader title={`Loading ${opts.noun.toLowerCase()}…`} breadcrumb={breadcrumb} />
        <div className="card card-body stack" aria-busy="true">
          <span className="skeleton" style={{ width: '40%' }} />
          <span className="skeleton" style={{ width: '60%' }} />
          <span className="skeleton" style={{ width: '30%' }} />
        </div>
      </>
    );
  }
  return null;
}
