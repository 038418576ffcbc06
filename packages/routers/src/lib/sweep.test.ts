import type { Page } from '@bytelyst/db/document-store';
import { describe, expect, it } from 'vitest';
import { sweep } from './sweep';

/** A query over `docs` that pages by `size` and, like a filtered query, stops matching handled documents. */
const pagesOf =
  (docs: number[], size: number, handled: Set<number>) => async (cursor: string | undefined) => {
    const live = docs.filter((d) => !handled.has(d));
    const from = cursor ? Number(cursor) : 0;
    const items = live.slice(from, from + size);
    const page: Page<number> = {
      items,
      continuation: from + size < live.length ? String(from + size) : null,
    };
    return page;
  };

describe('sweep', () => {
  it('handles every match even though handling takes documents out of the query', async () => {
    const docs = Array.from({ length: 25 }, (_, i) => i);
    const handled = new Set<number>();
    const metrics = await sweep({
      signal: new AbortController().signal,
      page: pagesOf(docs, 10, handled),
      handle: async (d) => {
        handled.add(d);
        return d % 5 !== 0;
      },
    });
    expect([...handled].sort((a, b) => a - b)).toEqual(docs);
    expect(metrics).toEqual({ scanned: 25, handled: 20, failed: 0 });
  });

  it('counts and reports a failing handler and goes on; stops at max and on abort', async () => {
    const docs = Array.from({ length: 12 }, (_, i) => i);
    const errors: number[] = [];
    const capped = await sweep({
      signal: new AbortController().signal,
      page: pagesOf(docs, 5, new Set()),
      handle: async (d) => {
        if (d === 3) throw new Error('boom');
        return true;
      },
      onError: (d) => errors.push(d),
      max: 7,
    });
    expect(capped).toEqual({ scanned: 7, handled: 6, failed: 1 });
    expect(errors).toEqual([3]);

    const abort = new AbortController();
    const seen: number[] = [];
    const stopped = await sweep({
      signal: abort.signal,
      page: pagesOf(docs, 5, new Set()),
      handle: async (d) => {
        seen.push(d);
        if (d === 4) abort.abort();
        return true;
      },
    });
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(stopped.scanned).toBe(5);
  });
});
