import { z } from 'zod';
import { ZMetricName } from '../plans/schema';

export const ZUsagePeriod = z.enum(['day', 'month']);
export type TUsagePeriod = z.infer<typeof ZUsagePeriod>;

/** A calendar day in UTC, `yyyy-mm-dd`. */
export const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a UTC day as yyyy-mm-dd');

const ZUserId = z.string().min(1).max(128);

export const ZUsageRecordInput = z.object({
  metric: ZMetricName,
  quantity: z.number().int().min(1).max(1_000_000).default(1),
  /** Client-chosen; a retry with the same key counts once and answers the first result. */
  idempotencyKey: z
    .string()
    .min(8)
    .max(128)
    .regex(/^[A-Za-z0-9._:-]+$/, 'Use letters, digits, dots, dashes, colons or underscores'),
  /** Admins may record for another user of the product; others record their own usage. */
  userId: ZUserId.optional(),
});
export type TUsageRecordInput = z.infer<typeof ZUsageRecordInput>;

/** Where a user stands on one metric in its current period. */
export const ZMetricUsage = z.object({
  metric: z.string(),
  used: z.number().int(),
  /** null = unlimited (no quota for this metric in the plan). */
  limit: z.number().int().nullable(),
  remaining: z.number().int().nullable(),
  period: ZUsagePeriod,
  periodStart: z.string(),
  resetsAt: z.string(),
});
export type TMetricUsage = z.infer<typeof ZMetricUsage>;

export const ZUsageRecordOutput = ZMetricUsage.extend({
  userId: z.string(),
  quantity: z.number().int(),
  day: z.string(),
  recordedAt: z.string(),
  /** True when this answer replays an earlier record with the same idempotency key. */
  replayed: z.boolean(),
});
export type TUsageRecordOutput = z.infer<typeof ZUsageRecordOutput>;

export const ZUsageCheckInput = z.object({
  metric: ZMetricName,
  quantity: z.number().int().min(1).max(1_000_000).default(1),
  userId: ZUserId.optional(),
});

export const ZUsageCheckOutput = ZMetricUsage.extend({ allowed: z.boolean(), quantity: z.number().int() });

export const ZUsageSummary = z.object({
  userId: z.string(),
  planCode: z.string().nullable(),
  planName: z.string().nullable(),
  metrics: z.array(ZMetricUsage),
  /** Totals of closed months (written by usage-quota-reset), newest first. */
  history: z.array(z.object({ month: z.string(), metric: z.string(), total: z.number().int() })),
});
export type TUsageSummary = z.infer<typeof ZUsageSummary>;

export const ZUsageSummaryInput = z.object({ userId: ZUserId });

export const ZUsageProductInput = z.object({
  from: ZDay.optional(),
  to: ZDay.optional(),
  metric: ZMetricName.optional(),
});
export type TUsageProductInput = z.infer<typeof ZUsageProductInput>;

export const ZUsageProductOutput = z.object({
  from: z.string(),
  to: z.string(),
  /** One row per day and metric that saw usage, oldest first. */
  days: z.array(
    z.object({ day: z.string(), metric: z.string(), total: z.number().int(), users: z.number().int() }),
  ),
  totals: z.array(z.object({ metric: z.string(), total: z.number().int(), users: z.number().int() })),
  /** True when the range held more counters than one answer scans; narrow it for exact figures. */
  truncated: z.boolean(),
});
export type TUsageProductOutput = z.infer<typeof ZUsageProductOutput>;
