'use client';

import { createContext, useCallback, useContext, useEffect, useState } from 'react';

type Report = (view: string, rolledUpAt: string | null) => void;

const RollupContext = createContext<Report>(() => {});

/** Where the charts report to: the page's `useRollupTimes().report`. */
export const RollupReportProvider = RollupContext.Provider;

/** A chart tells the page the time of the rollups it read, so the range bar can say how fresh the page is. */
export function useReportRollup(view: string, rolledUpAt: string | null | undefined) {
  const report = useContext(RollupContext);
  const at = rolledUpAt ?? null;
  useEffect(() => report(view, at), [report, view, at]);
}

/**
 * Collects the charts' rollup times; `oldest` is what the whole page can vouch for (each view reports the
 * oldest rollup it read), null until one has been read.
 */
export function useRollupTimes(): { oldest: string | null; report: Report } {
  const [times, setTimes] = useState<Record<string, string | null>>({});
  const report = useCallback<Report>(
    (view, at) => setTimes((all) => (all[view] === at ? all : { ...all, [view]: at })),
    [],
  );
  const oldest = Object.values(times).reduce<string | null>(
    (min, at) => (at !== null && (min === null || at < min) ? at : min),
    null,
  );
  return { oldest, report };
}
