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
