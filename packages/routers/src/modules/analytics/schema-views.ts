import { z } from 'zod';
import { ZBreakdown, ZFeature, ZFunnel, ZGranularity, ZRetentionMode, ZRetentionStart } from './schema';

const count = z.number().int();
const share = z.number().nullable();

/** Every view answers with the time of the rollups it read: the oldest of them (null when none exists yet). */
const read = { rolledUpAt: z.string().nullable(), breakdown: ZBreakdown };

export const ZActivePoint = z.object({
  /** The day, or the first day of the calendar week (Monday) or month. */
  period: z.string(),
  /** rolling: users active on the day; calendar: the mean of the bucket's days. */
  dau: z.number().nullable(),
  /** rolling only: distinct users active in the 7 days ending on the day. */
  wau: count.nullable(),
  /** rolling only: distinct users active in the 30 days ending on the day. */
  mau: count.nullable(),
  /** calendar only: distinct users active in the calendar week or month. */
  active: count.nullable(),
  /** rolling: DAU / MAU; calendar: mean DAU / active. */
  stickiness: share,
});
export const ZActiveUsersOutput = z.object({
  ...read,
  granularity: ZGranularity,
  window: z.enum(['rolling', 'calendar_week', 'calendar_month']),
  series: z.array(z.object({ segment: z.string(), points: z.array(ZActivePoint) })),
});
export type TActiveUsersOutput = z.infer<typeof ZActiveUsersOutput>;

export const ZRetentionCohort = z.object({
  cohort: z.string(),
  size: count,
  /** Index N: members active on day (or week) N exactly; null while that day is not over. */
  on: z.array(count.nullable()),
  /** Index N: members active on day (or week) N or any later day up to `asOf`. */
  onOrAfter: z.array(count.nullable()),
});
export const ZRetentionSummary = z.object({
  n: count,
  /** Members of the range's day cohorts whose day N is over. */
  eligible: count,
  on: count,
  onOrAfter: count,
  onShare: share,
  onOrAfterShare: share,
});
export const ZRetentionOutput = z.object({
  ...read,
  granularity: z.enum(['day', 'week']),
  start: ZRetentionStart,
  mode: ZRetentionMode,
  /** The last complete day the rollups counted. */
  asOf: z.string().nullable(),
  series: z.array(
    z.object({
      segment: z.string(),
      cohorts: z.array(ZRetentionCohort),
      summary: z.array(ZRetentionSummary),
    }),
  ),
});
export type TRetentionOutput = z.infer<typeof ZRetentionOutput>;

export const ZFunnelStepResult = z.object({
  index: count,
  name: z.string(),
  count,
  conversionFromPrevious: share,
  conversionFromStart: share,
  /** Entrants of the previous step who did not reach this one. */
  dropOff: count,
  /** Median seconds from the previous step to this one, among those who reached it. */
  medianSecondsFromPrevious: z.number().nullable(),
});
export const ZFunnelOutput = z.object({
  ...read,
  granularity: ZGranularity,
  funnel: ZFunnel,
  /** Some rollups read were computed with an earlier version of the funnel: recompute the range. */
  stale: z.boolean(),
  series: z.array(
    z.object({
      segment: z.string(),
      steps: z.array(ZFunnelStepResult),
      /** Median seconds from entering to the last step, among those who reached it. */
      medianSecondsToConvert: z.number().nullable(),
      trend: z.array(z.object({ period: z.string(), entered: count, converted: count, conversion: share })),
    }),
  ),
});
export type TFunnelOutput = z.infer<typeof ZFunnelOutput>;

export const ZAdoptionOutput = z.object({
  ...read,
  granularity: ZGranularity,
  features: z.array(ZFeature.pick({ id: true, name: true })),
  series: z.array(
    z.object({
      segment: z.string(),
      points: z.array(
        z.object({
          period: z.string(),
          active: count.nullable(),
          features: z.array(z.object({ id: z.string(), users: count, share })),
        }),
      ),
    }),
  ),
});
export type TAdoptionOutput = z.infer<typeof ZAdoptionOutput>;

export const ZRevenuePoint = z.object({
  period: z.string(),
  /** MRR in minor units (cents) at the end of the day before the period, and at its end. */
  mrrStart: z.number(),
  mrr: z.number(),
  customersStart: count,
  customers: count,
  new: z.number(),
  expansion: z.number(),
  contraction: z.number(),
  churned: z.number(),
  reactivation: z.number(),
  netNewMrr: z.number(),
  newCustomers: count,
  reactivatedCustomers: count,
  churnedCustomers: count,
  customerChurnRate: share,
  grossMrrChurnRate: share,
  netMrrChurnRate: share,
  arpu: share,
  ltv: share,
});
export const ZRevenueOutput = z.object({
  ...read,
  granularity: ZGranularity,
  currency: z.string().nullable(),
  /** How each figure is defined, as the charts show it. */
  definitions: z.record(z.string(), z.string()),
  series: z.array(z.object({ segment: z.string(), points: z.array(ZRevenuePoint) })),
});
export type TRevenueOutput = z.infer<typeof ZRevenueOutput>;
export type TRevenuePoint = z.infer<typeof ZRevenuePoint>;
