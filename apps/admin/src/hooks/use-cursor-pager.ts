import { useCallback, useState } from 'react';

/**
 * Server cursors only go forward, so the pager keeps the cursor that opened each visited page.
 * `reset` goes back to the first page (call it when filters change).
 */
export function useCursorPager() {
  const [stack, setStack] = useState<(string | undefined)[]>([undefined]);
  const cursor = stack[stack.length - 1];
  const next = useCallback((nextCursor: string | null | undefined) => {
    if (nextCursor) setStack((s) => [...s, nextCursor]);
  }, []);
  const previous = useCallback(() => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)), []);
  const reset = useCallback(() => setStack([undefined]), []);
  return { cursor, page: stack.length, hasPrevious: stack.length > 1, next, previous, reset };
}

export type CursorPager = ReturnType<typeof useCursorPager>;

/** Filters of a paged list: changing them goes back to the first page. */
export function usePagedFilters<Filters>(initial: Filters) {
  const [filters, setFilters] = useState<Filters>(initial);
  const pager = useCursorPager();
  const changeFilters = (next: Filters) => {
    setFilters(next);
    pager.reset();
  };
  return { filters, changeFilters, pager };
}
