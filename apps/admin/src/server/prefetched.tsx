import { HydrationBoundary } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { type PrefetchQuery, prefetch } from './prefetch';

/**
 * A page's server half when it is not a paged list (a detail page, a dashboard): reads the queries its view
 * sends on the first render as the signed-in user and hands them to the client through the query cache.
 */
export async function Prefetched({
  queries,
  children,
}: {
  queries: readonly PrefetchQuery[];
  children: ReactNode;
}) {
  const state = await prefetch(queries);
  return <HydrationBoundary state={state}>{children}</HydrationBoundary>;
}
