'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type ListFilters, type ListParams, parseListParams, writeListParams } from '~/lib/list-params';
import { useDebouncedValue } from './use-debounced-value';

type Options<Filters extends ListFilters> = {
  /** Every filter (and sort) key with its default; only values that differ appear in the URL. */
  defaults: Filters;
  pageSize: number;
  /** Keys sent to the server only once typing pauses (free-text search). */
  debounce?: readonly (keyof Filters)[];
  /** Namespaces the params when a page holds more than one list. */
  prefix?: string;
};

/** Keeps previous rows on screen while the next page or filter loads. */
export const KEEP_PREVIOUS = { placeholderData: <T>(previous: T) => previous } as const;

/**
 * Filters, sort and cursor of a paged list, kept in the URL's search params so a reload or a shared link
 * opens the same page. Changing a filter goes back to the first page.
 *
 * The URL is written with `history.replaceState`, which the App Router syncs into `useSearchParams` without
 * a server round trip (`router.replace` would fetch the page again on every keystroke of a search field).
 * A local copy answers inputs at once; a URL change made elsewhere (a link to the bare page) is adopted.
 */
export function useListState<Filters extends ListFilters>({
  defaults,
  pageSize,
  debounce,
  prefix,
}: Options<Filters>) {
  const params = useSearchParams();
  const pathname = usePathname();
  const [state, setState] = useState<ListParams<Filters>>(() => parseListParams(params, defaults, prefix));
  const current = useRef(state);
  const written = useRef<string[]>([]);
  const search = params.toString();

  // Keyed on the URL alone: `defaults` and `prefix` are fixed for the life of a view.
  useEffect(() => {
    const seen = written.current.indexOf(search);
    if (seen >= 0) {
      written.current = written.current.slice(seen + 1);
      return;
    }
    written.current = [];
    current.current = parseListParams(new URLSearchParams(search), defaults, prefix);
    setState(current.current);
  }, [search]);

  const commit = useCallback(
    (update: (current: ListParams<Filters>) => ListParams<Filters>) => {
      const next = update(current.current);
      current.current = next;
      setState(next);
      const query = writeListParams(
        new URLSearchParams(window.location.search),
        next,
        defaults,
        prefix,
      ).toString();
      written.current.push(query);
      // `null` state: the App Router fills in its own and syncs `useSearchParams` to the new URL.
      window.history.replaceState(null, '', query ? `${pathname}?${query}` : pathname);
    },
    [defaults, pathname, prefix],
  );

  const changeFilters = useCallback((filters: Filters) => commit(() => ({ filters, cursors: [] })), [commit]);
  const debounced = useDebouncedValue(state.filters, 300);
  const query = useMemo(() => {
    const result = { ...state.filters };
    for (const key of debounce ?? []) result[key] = debounced[key];
    return result;
  }, [state.filters, debounced, debounce]);

  const { cursors } = state;
  const pager = {
    cursor: cursors[cursors.length - 1],
    page: cursors.length + 1,
    hasPrevious: cursors.length > 0,
    next: (nextCursor: string | null | undefined) => {
      if (nextCursor) commit((list) => ({ ...list, cursors: [...list.cursors, nextCursor] }));
    },
    previous: () => commit((list) => ({ ...list, cursors: list.cursors.slice(0, -1) })),
    reset: () => commit((list) => ({ ...list, cursors: [] })),
  };

  return {
    /** What the inputs show, updated on every keystroke. */
    filters: state.filters,
    /** What the query sends: `filters` with the debounced keys settled. */
    query,
    changeFilters,
    clearFilters: () => changeFilters(defaults),
    /** Whether any filter (not sort) differs from its default. */
    isFiltered: (keys: readonly (keyof Filters)[]) =>
      keys.some((key) => query[key]?.trim() !== defaults[key]),
    pager,
    /** Limit and cursor of the current page, to spread into the list query's input. */
    page: { limit: pageSize, cursor: pager.cursor },
  };
}

export type ListPager = ReturnType<typeof useListState>['pager'];
