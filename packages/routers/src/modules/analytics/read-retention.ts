import { dayNumber, dayString, weekStart } from './days';
import { oldestRollup, ratio, readRollups } from './read-rollups';
import type { AnalyticsRepository } from './repository';
import { type CohortKind, RETENTION_METRIC, type RetentionDoc, retentionKey } from './retention-rollup';
import type { TRetentionInput } from './schema';
import type { TRetentionOutput } from './schema-views';
import { ALL, segmentsFor } from './segments';

/** The day offsets the summary gives (D1, D7, D14, D30). */
export const SUMMARY_DAYS = [1, 7, 14, 30] as const;

export const cohortKind = (input: Pick<TRetentionInput, 'start' | 'mode'>): CohortKind =>
  input.start === 'signup' ? 'signup' : input.mode;

/**
 * Cohorts as the heatmap reads them (by day or by week), and the D1/D7/D14/D30 summary over the range's day
 * cohorts: of the members whose day N is over, how many were active on it (or on it or later).
 */
export const readRetention = async (
  repo: AnalyticsRepository,
  productId: string,
  input: TRetentionInput,
): Promise<TRetentionOutput> => {
  const kind = cohortKind(input);
  const from = dayNumber(input.from);
  const to = dayNumber(input.to);
  const dayDocs = await readRollups<RetentionDoc>(
    repo,
    productId,
    RETENTION_METRIC,
    from,
    to,
    retentionKey(kind, 'day', input.from),
    retentionKey(kind, 'day', input.to),
  );
  const weekFrom = weekStart(from);
  const cohortDocs =
    input.granularity === 'day'
      ? dayDocs
      : await readRollups<RetentionDoc>(
          repo,
          productId,
          RETENTION_METRIC,
          weekFrom,
          to,
          retentionKey(kind, 'week', dayString(weekFrom)),
          retentionKey(kind, 'week', input.to),
        );
  const read = [...dayDocs, ...(input.granularity === 'day' ? [] : cohortDocs)];
  const present = read.flatMap((doc) => Object.keys(doc.segments));
  const asOf = read.reduce<string | null>(
    (min, doc) => (min === null || doc.asOf < min ? doc.asOf : min),
    null,
  );
  const series = segmentsFor(input.breakdown, present).map(([key, label]) => {
    const offsets = input.granularity === 'day' ? 31 : 13;
    const cohorts = cohortDocs.map((doc) => {
      const row = doc.segments[key];
      // A segment with no member in this cohort: 0 wherever the offset is over (as `all` shows), else null.
      const none = (doc.segments[ALL]?.on ?? new Array(offsets).fill(null)).map((v) =>
        v === null ? null : 0,
      );
      return {
        cohort: doc.cohort,
        size: row?.size ?? 0,
        on: row?.on ?? none,
        onOrAfter: row?.onOrAfter ?? none,
      };
    });
    const summary = SUMMARY_DAYS.map((n) => {
      let eligible = 0;
      let on = 0;
      let onOrAfter = 0;
      for (const doc of dayDocs) {
        const row = doc.segments[key];
        const value = row?.on[n];
        if (!row || value === null || value === undefined) continue;
        eligible += row.size;
        on += value;
        onOrAfter += row.onOrAfter[n] ?? 0;
      }
      return {
        n,
        eligible,
        on,
        onOrAfter,
        onShare: ratio(on, eligible),
        onOrAfterShare: ratio(onOrAfter, eligible),
      };
    });
    return { segment: label, cohorts, summary };
  });
  return {
    rolledUpAt: oldestRollup(read),
    breakdown: input.breakdown,
    granularity: input.granularity,
    start: input.start,
    mode: kind === 'signup' ? 'first_time' : input.mode,
    asOf,
    series,
  };
};
