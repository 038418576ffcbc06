import type { Clock } from '@bytelyst/db/document-store';
import {
  ACTIVE_METRIC,
  type ActiveDoc,
  ADOPTION_METRIC,
  type AdoptionDoc,
  CALENDAR_METRIC,
  type CalendarDoc,
} from './active-rollup';
import { bucketStart, dayNumber, dayString } from './days';
import { oldestRollup, ratio, readRollups } from './read-rollups';
import type { AnalyticsRepository } from './repository';
import type { TActiveUsersInput, TAdoptionInput, TFeature } from './schema';
import type { TActiveUsersOutput, TAdoptionOutput } from './schema-views';
import { segmentsFor } from './segments';

/** Active users and adoption as charts read them: rollups only. */
export const createActiveReader = (deps: { repo: AnalyticsRepository; clock: Clock }) => {
  const { repo } = deps;

  const rolling = async (productId: string, input: TActiveUsersInput): Promise<TActiveUsersOutput> => {
    const from = dayNumber(input.from);
    const to = dayNumber(input.to);
    const docs = await readRollups<ActiveDoc>(repo, productId, ACTIVE_METRIC, from, to, input.from, input.to);
    const byDay = new Map(docs.map((doc) => [doc.day, doc]));
    const present = docs.flatMap((doc) => Object.keys(doc.segments));
    const series = segmentsFor(input.breakdown, present).map(([key, label]) => ({
      segment: label,
      points: Array.from({ length: to - from + 1 }, (_, i) => {
        const day = dayString(from + i);
        const doc = byDay.get(day);
        const row = doc ? (doc.segments[key] ?? { dau: 0, wau: 0, mau: 0 }) : undefined;
        return {
          period: day,
          dau: row?.dau ?? null,
          wau: row?.wau ?? null,
          mau: row?.mau ?? null,
          active: null,
          stickiness: row ? ratio(row.dau, row.mau) : null,
        };
      }),
    }));
    return {
      rolledUpAt: oldestRollup(docs),
      breakdown: input.breakdown,
      granularity: 'day',
      window: 'rolling',
      series,
    };
  };

  const calendar = async (productId: string, input: TActiveUsersInput): Promise<TActiveUsersOutput> => {
    const granularity = input.granularity as 'week' | 'month';
    const from = bucketStart(dayNumber(input.from), granularity);
    const to = dayNumber(input.to);
    const docs = await readRollups<CalendarDoc>(
      repo,
      productId,
      CALENDAR_METRIC,
      from,
      to,
      `${granularity}:${dayString(from)}`,
      `${granularity}:${input.to}`,
    );
    const present = docs.flatMap((doc) => Object.keys(doc.segments));
    const series = segmentsFor(input.breakdown, present).map(([key, label]) => ({
      segment: label,
      points: docs.map((doc) => {
        const row = doc.segments[key] ?? { active: 0, dauSum: 0 };
        const dau = doc.days > 0 ? row.dauSum / doc.days : null;
        return {
          period: doc.start,
          dau,
          wau: null,
          mau: null,
          active: row.active,
          stickiness: dau === null ? null : ratio(dau, row.active),
        };
      }),
    }));
    return {
      rolledUpAt: oldestRollup(docs),
      breakdown: input.breakdown,
      granularity,
      window: granularity === 'week' ? 'calendar_week' : 'calendar_month',
      series,
    };
  };

  return {
    activeUsers: (productId: string, input: TActiveUsersInput) =>
      input.granularity === 'day' ? rolling(productId, input) : calendar(productId, input),

    async adoption(
      productId: string,
      input: TAdoptionInput,
      features: readonly TFeature[],
    ): Promise<TAdoptionOutput> {
      const from = bucketStart(dayNumber(input.from), input.granularity);
      const to = dayNumber(input.to);
      const prefix = `${input.granularity}:`;
      const docs = await readRollups<AdoptionDoc>(
        repo,
        productId,
        ADOPTION_METRIC,
        from,
        to,
        `${prefix}${dayString(from)}`,
        `${prefix}${input.to}`,
      );
      const present = docs.flatMap((doc) => Object.keys(doc.segments));
      const series = segmentsFor(input.breakdown, present).map(([key, label]) => ({
        segment: label,
        points: docs.map((doc) => {
          const row = doc.segments[key];
          return {
            period: doc.start,
            active: row?.active ?? 0,
            features: features.map((feature) => {
              const at = doc.featureIds.indexOf(feature.id);
              const users = at >= 0 ? (row?.features[at] ?? 0) : 0;
              return { id: feature.id, users, share: ratio(users, row?.active ?? 0) };
            }),
          };
        }),
      }));
      return {
        rolledUpAt: oldestRollup(docs),
        breakdown: input.breakdown,
        granularity: input.granularity,
        features: features.map((f) => ({ id: f.id, name: f.name })),
        series,
      };
    },
  };
};
