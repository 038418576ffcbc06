import { z } from 'zod';

/** A UTC day, `yyyy-mm-dd`. */
export const ZDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a UTC day as yyyy-mm-dd')
  .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)), 'Not a calendar day');

/** An event name, or a prefix of names ending in `*` (`dictation.*`). */
export const ZEventPattern = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9_.:/-]{1,100}\*?$/,
    'Event names are 1-100 of A-Z a-z 0-9 _ . : / -, optionally ending in *',
  );

/** A usage metric, or a prefix ending in `*`. */
export const ZMetricPattern = z
  .string()
  .trim()
  .regex(
    /^[a-z][a-z0-9_.-]{0,63}\*?$/,
    'Usage metrics are lowercase letters, digits, dots, dashes or underscores',
  );

/** Which raw records make a user active on a day: `any`, `none`, or a list of names/prefixes. */
const sourceSetting = <T extends z.ZodType<string>>(pattern: T) =>
  z.union([z.literal('any'), z.literal('none'), z.array(pattern).min(1).max(100)]);

export const ZActivitySetting = z
  .object({
    telemetry: sourceSetting(ZEventPattern),
    usage: sourceSetting(ZMetricPattern),
    /** Days before today re-rolled by every scheduled run, so events that arrive late are counted. */
    lateDays: z.number().int().min(0).max(14),
  })
  .refine((setting) => setting.telemetry !== 'none' || setting.usage !== 'none', {
    message: 'At least one of telemetry and usage must count as activity',
    path: ['telemetry'],
  });
export type TActivitySetting = z.infer<typeof ZActivitySetting>;

const ZSlug = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, 'Use 1-40 lowercase letters, digits or dashes, starting with a letter');

/** A feature is a named list of events; using any of them on a day is using the feature. */
export const ZFeature = z.object({
  id: ZSlug,
  name: z.string().trim().min(1).max(80),
  events: z.array(ZEventPattern).min(1).max(20),
});
export type TFeature = z.infer<typeof ZFeature>;

/** Features are kept as bits of one number per user and day. */
export const MAX_FEATURES = 30;

export const ZFeatureList = z
  .array(ZFeature)
  .max(MAX_FEATURES)
  .refine(
    (features) => new Set(features.map((f) => f.id)).size === features.length,
    'Feature ids must be unique',
  );

/** Built-in events a funnel step may name besides telemetry: the sign-up, and a paid subscription starting. */
export const VIRTUAL_EVENTS = ['$signup', '$subscription'] as const;
export const ZStepEvent = z.union([z.enum(VIRTUAL_EVENTS), ZEventPattern]);

export const ZFilterOperator = z.enum(['eq', 'neq', 'contains', 'gt', 'lt', 'exists']);

/** A condition on an event's `props` (or its `platform` / `appVersion`). */
export const ZStepFilter = z
  .object({
    property: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'Property names are 1-64 letters, digits or _ . : -'),
    operator: ZFilterOperator,
    value: z.union([z.string().max(1000), z.number(), z.boolean()]).optional(),
  })
  .refine((filter) => filter.operator === 'exists' || filter.value !== undefined, {
    message: 'A value is required unless the operator is exists',
    path: ['value'],
  });
export type TStepFilter = z.infer<typeof ZStepFilter>;

export const ZFunnelStep = z.object({
  name: z.string().trim().min(1).max(80),
  event: ZStepEvent,
  /** The step is reached at the n-th matching event since the user entered the funnel (5 = fifth dictation). */
  nth: z.number().int().min(1).max(100).default(1),
  filters: z.array(ZStepFilter).max(10).default([]),
});
export type TFunnelStep = z.infer<typeof ZFunnelStep>;

export const ZFunnelOrder = z.enum(['ordered', 'strict', 'unordered']);
export type TFunnelOrder = z.infer<typeof ZFunnelOrder>;

export const ZFunnelFields = z.object({
  name: z.string().trim().min(1).max(80),
  /** ordered: other events may come between steps; strict: none may; unordered: steps in any order. */
  order: ZFunnelOrder.default('ordered'),
  /** Every step must be reached within this many days of entering the funnel. */
  windowDays: z.number().int().min(1).max(90).default(14),
  steps: z
    .array(ZFunnelStep)
    .min(2)
    .max(10)
    .superRefine((steps, ctx) => {
      if ((steps[0]?.nth ?? 1) !== 1) {
        ctx.addIssue({
          code: 'custom',
          message: 'The first step is entered on its first event',
          path: [0, 'nth'],
        });
      }
    }),
});
export const ZFunnel = ZFunnelFields.extend({ id: ZSlug, updatedAt: z.string() });
export type TFunnel = z.infer<typeof ZFunnel>;
export type TFunnelFields = z.infer<typeof ZFunnelFields>;

export const ZDefinitions = z.object({
  productId: z.string(),
  activity: ZActivitySetting,
  features: z.array(ZFeature),
  funnels: z.array(ZFunnel),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type TDefinitions = z.infer<typeof ZDefinitions>;

export const ZSetActivityInput = ZActivitySetting;
export const ZSetFeaturesInput = z.object({ features: ZFeatureList });
export const ZFunnelIdInput = z.object({ id: ZSlug });
export const ZSetFunnelInput = ZFunnelFields.extend({ id: ZSlug });
export type TSetFunnelInput = z.infer<typeof ZSetFunnelInput>;

/** Longest range a view or a recompute takes at once. */
export const MAX_RANGE_DAYS = 731;

const range = { from: ZDay, to: ZDay };
const checkRange = (input: { from: string; to: string }, ctx: z.RefinementCtx) => {
  const span = (Date.parse(`${input.to}T00:00:00Z`) - Date.parse(`${input.from}T00:00:00Z`)) / 86_400_000;
  if (span < 0) ctx.addIssue({ code: 'custom', message: 'to is before from', path: ['to'] });
  else if (span >= MAX_RANGE_DAYS) {
    ctx.addIssue({ code: 'custom', message: `At most ${MAX_RANGE_DAYS} days`, path: ['to'] });
  }
};

export const ZGranularity = z.enum(['day', 'week', 'month']);
export type TGranularity = z.infer<typeof ZGranularity>;
export const ZBreakdown = z.enum(['none', 'platform', 'plan']);
export type TBreakdown = z.infer<typeof ZBreakdown>;

export const ZActiveUsersInput = z
  .object({ ...range, granularity: ZGranularity.default('day'), breakdown: ZBreakdown.default('none') })
  .superRefine(checkRange);
export type TActiveUsersInput = z.infer<typeof ZActiveUsersInput>;

export const ZAdoptionInput = ZActiveUsersInput;
export type TAdoptionInput = TActiveUsersInput;

export const ZRetentionStart = z.enum(['signup', 'active']);
export const ZRetentionMode = z.enum(['first_time', 'recurring']);
export const ZRetentionInput = z
  .object({
    ...range,
    /** Cohorts by day or by ISO week (Monday to Sunday). */
    granularity: z.enum(['day', 'week']).default('day'),
    /** signup: cohort by sign-up; active: cohort by activity (first-time or recurring). */
    start: ZRetentionStart.default('signup'),
    mode: ZRetentionMode.default('first_time'),
    breakdown: ZBreakdown.default('none'),
  })
  .superRefine(checkRange);
export type TRetentionInput = z.infer<typeof ZRetentionInput>;

export const ZFunnelInput = z
  .object({
    ...range,
    funnelId: ZSlug.default('default'),
    granularity: ZGranularity.default('day'),
    breakdown: ZBreakdown.default('none'),
  })
  .superRefine(checkRange);
export type TFunnelInput = z.infer<typeof ZFunnelInput>;

export const ZRevenueInput = z
  .object({ ...range, granularity: ZGranularity.default('month'), breakdown: ZBreakdown.default('none') })
  .superRefine(checkRange)
  .superRefine((input, ctx) => {
    if (input.breakdown === 'platform') {
      ctx.addIssue({ code: 'custom', message: 'Revenue breaks down by plan only', path: ['breakdown'] });
    }
  });
export type TRevenueInput = z.infer<typeof ZRevenueInput>;

export const ZRecomputeInput = z.object(range).superRefine(checkRange);
export type TRecomputeInput = z.infer<typeof ZRecomputeInput>;

export const ZRecomputeStatus = z.enum(['queued', 'running', 'succeeded', 'failed']);
export const ZRecompute = z.object({
  id: z.string(),
  productId: z.string(),
  from: z.string(),
  to: z.string(),
  status: ZRecomputeStatus,
  /** Units of work (days of each rollup) done out of the total; `phase` names the rollup being rebuilt. */
  progress: z.object({ done: z.number().int(), total: z.number().int(), phase: z.string() }),
  requestedAt: z.string(),
  requestedBy: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type TRecompute = z.infer<typeof ZRecompute>;
export const ZRecomputeState = z.object({ recompute: ZRecompute.nullable() });

export const ZCsvView = z.enum(['active-users', 'retention', 'funnel', 'adoption', 'revenue']);
export const ZCsvInput = z
  .object({
    view: ZCsvView,
    ...range,
    granularity: ZGranularity.default('day'),
    breakdown: ZBreakdown.default('none'),
    funnelId: ZSlug.default('default'),
    start: ZRetentionStart.default('signup'),
    mode: ZRetentionMode.default('first_time'),
  })
  .superRefine(checkRange)
  .superRefine((input, ctx) => {
    if (input.view === 'retention' && input.granularity === 'month') {
      ctx.addIssue({
        code: 'custom',
        message: 'Retention cohorts are by day or week',
        path: ['granularity'],
      });
    }
    if (input.view === 'revenue' && input.breakdown === 'platform') {
      ctx.addIssue({ code: 'custom', message: 'Revenue breaks down by plan only', path: ['breakdown'] });
    }
  });
export type TCsvInput = z.infer<typeof ZCsvInput>;
export const ZCsvOutput = z.object({
  filename: z.string(),
  contentType: z.literal('text/csv'),
  csv: z.string(),
});
