import type { Page } from '@bytelyst/db/document-store';

export type SweepMetrics = { scanned: number; handled: number; failed: number };

/** Most matches one sweep takes on; the job's next run picks up the rest. */
export const MAX_PER_SWEEP = 10_000;

/**
 * How a job walks the documents a query matches. The matches are collected first, then handled one by one:
 * handling usually moves a document out of the query's reach (expired, warned, deleted), which would make a
 * cursor skip the documents behind it. A handler re-checks what it read under the etag (`container.mutate`),
 * so a document changed meanwhile is judged on its current state. A failing handler is counted and reported,
 * and the sweep goes on; an aborted signal ends it.
 */
export const sweep = async <T>(opts: {
  signal: AbortSignal;
  page: (cursor: string | undefined) => Promise<Page<T>>;
  /** True when the document needed the change (counted as handled). */
  handle: (doc: T) => Promise<boolean>;
  onError?: (doc: T, error: unknown) => void;
  max?: number;
}): Promise<SweepMetrics> => {
  const max = opts.max ?? MAX_PER_SWEEP;
  const matches: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await opts.page(cursor);
    matches.push(...page.items.slice(0, max - matches.length));
    cursor = page.continuation ?? undefined;
  } while (cursor && matches.length < max && !opts.signal.aborted);
  const metrics: SweepMetrics = { scanned: 0, handled: 0, failed: 0 };
  for (const doc of matches) {
    if (opts.signal.aborted) break;
    metrics.scanned += 1;
    try {
      if (await opts.handle(doc)) metrics.handled += 1;
    } catch (error) {
      metrics.failed += 1;
      opts.onError?.(doc, error);
    }
  }
  return metrics;
};
