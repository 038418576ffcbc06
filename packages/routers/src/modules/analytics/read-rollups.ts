import type { Stored } from '@bytelyst/db/document-store';
import { periodsOf } from './days';
import type { AnalyticsRepository, RollupDoc } from './repository';

/** Rollups of one metric whose key is within [prefix + fromKey, prefix + toKey], over the months [from, to]. */
export const readRollups = async <T extends object>(
  repo: AnalyticsRepository,
  productId: string,
  metric: string,
  from: number,
  to: number,
  fromKey: string,
  toKey: string,
): Promise<Stored<RollupDoc<T>>[]> => {
  const parts = await Promise.all(
    periodsOf(from, to).map((period) => repo.rollups.range<T>(productId, metric, period, fromKey, toKey)),
  );
  return parts.flat();
};

/** The oldest rollup time among the documents read (what a view can vouch for); null when none. */
export const oldestRollup = (docs: readonly { rolledUpAt: string }[]): string | null =>
  docs.reduce<string | null>(
    (min, doc) => (min === null || doc.rolledUpAt < min ? doc.rolledUpAt : min),
    null,
  );

export const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** The median of a list of numbers (mean of the middle two for an even count); null when empty. */
export const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/**
 * The median of the values of several lists, as `median` of them joined, found by selection (linear time) in
 * one typed array instead of a sort: a funnel view takes the median of every conversion time in its range.
 */
export const medianOf = (lists: readonly (readonly number[])[]): number | null => {
  const n = lists.reduce((sum, list) => sum + list.length, 0);
  if (n === 0) return null;
  const values = new Float64Array(n);
  let at = 0;
  for (const list of lists) {
    values.set(list, at);
    at += list.length;
  }
  const mid = n >> 1;
  const upper = select(values, mid);
  if (n % 2 === 1) return upper;
  // After selecting, everything before `mid` is at most the value there: the lower middle is their maximum.
  let lower = values[0] as number;
  for (let i = 1; i < mid; i++) lower = Math.max(lower, values[i] as number);
  return (lower + upper) / 2;
};

/** Hoare's selection: reorders `a` so that a[k] is the k-th smallest, smaller ones before it, and returns it. */
const select = (a: Float64Array, k: number): number => {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k] as number;
};
