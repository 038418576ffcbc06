'use client';

import { useState } from 'react';

/** Rows picked in a table for a bulk operation, or every row matching the table's filter. */
export function useSelection() {
  const [ids, setIds] = useState<ReadonlySet<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  return {
    ids,
    allMatching,
    has: (id: string) => allMatching || ids.has(id),
    toggle(id: string) {
      setAllMatching(false);
      setIds((current) => {
        const next = new Set(current);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      });
    },
    /** Picks the page's rows, or drops them when all were picked. */
    togglePage(pageIds: readonly string[]) {
      setAllMatching(false);
      setIds((current) =>
        pageIds.every((id) => current.has(id)) ? new Set() : new Set([...current, ...pageIds]),
      );
    },
    selectAllMatching: () => setAllMatching(true),
    clear() {
      setAllMatching(false);
      setIds(new Set());
    },
  };
}

export type Selection = ReturnType<typeof useSelection>;
