import { z } from 'zod';
import { ZFlagKey } from '../flags/schema';

/** Where a metric's events come from: client telemetry events, or usage records (daily counters per user). */
export const ZMetricSource = z.enum(['telemetry', 'usage']);
export type TMetricSource = z.infer<typeof ZMetricSource>;

export const METRIC_KINDS = ['conversion', 'count', 'sum', 'ratio'] as const;
export const ZMetricKind = z.enum(METRIC_KINDS);
export type TMetricKind = z.infer<typeof ZMetricKind>;

/**
 * One stream of events: a telemetry event name (with, for sums, the numeric prop summed) or a usage metric (its
 * recorded quantities).
 */
export const ZMetricEvent = z.object({
  source: ZMetricSource,
  event: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.:/-]{1,100}$/, 'An event or usage metric name (1-100 of A-Z a-z 0-9 _ . : / -)'),
  /** Telemetry only: the numeric prop a sum adds up; null counts events. Usage always adds quantities. */
  valueProp: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/)
    .nullable()
    .default(null),
});
export type TMetricEvent = z.infer<typeof ZMetricEvent>;

const fields = {
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(1000),
  kind: ZMetricKind,
  numerator: ZMetricEvent,
  /** Ratio metrics only: the per-unit sum the numerator is divided by. */
  denominator: ZMetricEvent.nullable(),
  /** Counted from a unit's first exposure for this many hours; null = to the end of the data window. */
  windowHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .nullable(),
  direction: z.enum(['higher', 'lower']),
};

/** A ratio names its denominator; other kinds have none. The problems, by field. */
export const metricShapeIssues = (m: {
  kind?: TMetricKind | undefined;
  denominator?: TMetricEvent | null | undefined;
}): { path: string; message: string }[] => {
  if (m.kind === 'ratio' && !m.denominator) {
    return [{ path: 'denominator', message: 'A ratio metric needs a denominator' }];
  }
  if (m.kind !== undefined && m.kind !== 'ratio' && m.denominator) {
    return [{ path: 'denominator', message: 'Only ratio metrics have a denominator' }];
  }
  return [];
};

const checkShape = (m: Parameters<typeof metricShapeIssues>[0], ctx: z.RefinementCtx) => {
  for (const issue of metricShapeIssues(m))
    ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
};

export const ZMetricCreateInput = z
  .object({
    key: ZFlagKey,
    name: fields.name,
    description: fields.description.default(''),
    kind: fields.kind,
    numerator: fields.numerator,
    denominator: fields.denominator.default(null),
    windowHours: fields.windowHours.default(72),
    direction: fields.direction.default('higher'),
  })
  .superRefine(checkShape);
export type TMetricCreateInput = z.infer<typeof ZMetricCreateInput>;

export const ZMetricUpdateInput = z.object({
  key: z.string().trim().min(1).max(64),
  name: fields.name.optional(),
  description: fields.description.optional(),
  kind: fields.kind.optional(),
  numerator: fields.numerator.optional(),
  denominator: fields.denominator.optional(),
  windowHours: fields.windowHours.optional(),
  direction: fields.direction.optional(),
});
export type TMetricUpdateInput = z.infer<typeof ZMetricUpdateInput>;

export const ZMetricKeyInput = z.object({ key: z.string().trim().min(1).max(64) });

export const ZMetricDefinition = z.object({
  id: z.string(),
  productId: z.string(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  kind: ZMetricKind,
  numerator: ZMetricEvent,
  denominator: ZMetricEvent.nullable(),
  windowHours: z.number().int().nullable(),
  direction: z.enum(['higher', 'lower']),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type TMetricDefinition = z.infer<typeof ZMetricDefinition>;

export const ZMetricListOutput = z.object({ items: z.array(ZMetricDefinition) });
