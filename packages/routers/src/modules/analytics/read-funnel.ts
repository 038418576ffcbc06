import { AppError } from '../../app-error';
import { bucketsOf, dayNumber, dayString } from './days';
import { FUNNEL_METRIC, type FunnelDoc, funnelKey } from './funnel-rollup';
import { medianOf, oldestRollup, ratio, readRollups } from './read-rollups';
import type { AnalyticsRepository } from './repository';
import type { TFunnel, TFunnelInput } from './schema';
import type { TFunnelOutput } from './schema-views';
import { segmentsFor } from './segments';

type Row = FunnelDoc['segments'][string];

/** Per-step counts, conversion, drop-off and median times over the entry days of the range (rollups only). */
export const readFunnel = async (
  repo: AnalyticsRepository,
  productId: string,
  input: TFunnelInput,
  funnels: readonly TFunnel[],
): Promise<TFunnelOutput> => {
  const funnel = funnels.find((f) => f.id === input.funnelId);
  if (!funnel) throw new AppError('NOT_FOUND', `Funnel '${input.funnelId}' not found`);
  const from = dayNumber(input.from);
  const to = dayNumber(input.to);
  const read = await readRollups<FunnelDoc>(
    repo,
    productId,
    FUNNEL_METRIC,
    from,
    to,
    funnelKey(funnel.id, input.from),
    funnelKey(funnel.id, input.to),
  );
  const docs = read.filter((doc) => doc.version === funnel.updatedAt);
  const steps = funnel.steps.length;
  const present = docs.flatMap((doc) => Object.keys(doc.segments));
  const buckets = bucketsOf(from, to, input.granularity);
  const series = segmentsFor(input.breakdown, present).map(([key, label]) => {
    const rows = docs
      .map((doc) => ({ day: dayNumber(doc.day), row: doc.segments[key] }))
      .filter((r) => r.row) as {
      day: number;
      row: Row;
    }[];
    const counts = Array.from({ length: steps }, (_, k) =>
      rows.reduce((sum, r) => sum + (r.row.counts[k] ?? 0), 0),
    );
    const stepResults = funnel.steps.map((step, k) => {
      const count = counts[k] as number;
      const previous = k === 0 ? count : (counts[k - 1] as number);
      return {
        index: k,
        name: step.name,
        count,
        conversionFromPrevious: k === 0 ? ratio(count, count) : ratio(count, previous),
        conversionFromStart: ratio(count, counts[0] as number),
        dropOff: k === 0 ? 0 : previous - count,
        medianSecondsFromPrevious:
          k === 0 ? null : nullableSeconds(medianOf(rows.map((r) => r.row.durations[k] ?? []))),
      };
    });
    const trend = buckets.map((bucket) => {
      const inBucket = rows.filter((r) => r.day >= bucket.start && r.day <= bucket.end);
      const entered = inBucket.reduce((sum, r) => sum + (r.row.counts[0] ?? 0), 0);
      const converted = inBucket.reduce((sum, r) => sum + (r.row.counts[steps - 1] ?? 0), 0);
      return {
        period: dayString(Math.max(bucket.start, from)),
        entered,
        converted,
        conversion: ratio(converted, entered),
      };
    });
    return {
      segment: label,
      steps: stepResults,
      medianSecondsToConvert: nullableSeconds(medianOf(rows.map((r) => r.row.total))),
      trend,
    };
  });
  return {
    rolledUpAt: oldestRollup(docs),
    breakdown: input.breakdown,
    granularity: input.granularity,
    funnel,
    stale: docs.length < read.length,
    series,
  };
};

const nullableSeconds = (ms: number | null): number | null => (ms === null ? null : ms / 1000);
