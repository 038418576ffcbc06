import type { ReactNode } from 'react';
import {
  type ListConfig,
  type ListFilters,
  type ListPage,
  parseListParams,
  searchParamsOf,
} from '~/lib/list-params';
import type { PrefetchQuery } from './prefetch';
import { Prefetched } from './prefetched';

export type SearchParamsProp = Promise<Record<string, string | string[] | undefined>>;

type Props<Filters extends ListFilters> = {
  searchParams: SearchParamsProp;
  list: ListConfig<Filters>;
  /**
   * The queries the view sends on its first render, from the URL's filters and page; `params` is the whole
   * URL for state kept beside the list (the events scope).
   */
  queries: (filters: Filters, page: ListPage, params: URLSearchParams) => readonly PrefetchQuery[];
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
  const params = searchParamsOf(await searchParams);
  const { filters, cursors } = parseListParams(params, list.defaults, list.prefix);
  const page = { limit: list.pageSize, cursor: cursors[cursors.length - 1] };
  return <Prefetched queries={queries(filters, page, params)}>{children}</Prefetched>;
}
