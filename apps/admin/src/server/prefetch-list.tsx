import { HydrationBoundary } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import {
  type ListConfig,
  type ListFilters,
  type ListPage,
  parseListParams,
  searchParamsOf,
} from '~/lib/list-params';
import { type PrefetchQuery, prefetch } from './prefetch';

export type SearchParamsProp = Promise<Record<string, string | string[] | undefined>>;

type Props<Filters extends ListFilters> = {
  searchParams: SearchParamsProp;
  list: ListConfig<Filters>;
  /** The queries the view sends on its first render, from the URL's filters and page. */
  queries: (filters: Filters, page: ListPage) => readonly PrefetchQuery[];
  children: ReactNode;
};

/**
 * A list page's server half (create-t3-turbo's pattern): reads the filters and cursor the URL holds, fetches
 * that page of the list as the signed-in user and hands it to the client view through the query cache, so the
 * table paints with rows instead of a spinner. The view's `useListState` reads the same URL, so the keys match.
 */
export async function PrefetchedList<Filters extends ListFilters>({
  searchParams,
  list,
  queries,
  children,
}: Props<Filters>) {
  const { filters, cursors } = parseListParams(
    searchParamsOf(await searchParams),
    list.defaults,
    list.prefix,
  );
  const state = await prefetch(
    queries(filters, { limit: list.pageSize, cursor: cursors[cursors.length - 1] }),
  );
  return <HydrationBoundary state={state}>{children}</HydrationBoundary>;
}
