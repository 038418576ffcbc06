import { z } from 'zod';

/** Platform-wide jobs live under this product id; it is not a valid product slug, so it never collides. */
export const PLATFORM_PRODUCT_ID = '*';

export const JOB_NAME_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
export const ZJobName = z
  .string()
  .max(64)
  .regex(JOB_NAME_PATTERN, 'Kebab-case: lowercase letters and digits in dash-separated words');

export const JOB_RUN_STATUSES = ['running', 'succeeded', 'failed', 'timed_out', 'skipped'] as const;
export const ZJobRunStatus = z.enum(JOB_RUN_STATUSES);
export type TJobRunStatus = z.infer<typeof ZJobRunStatus>;

export const ZJobTrigger = z.enum(['schedule', 'manual', 'catch_up']);
export type TJobTrigger = z.infer<typeof ZJobTrigger>;

export const ZMissedRunPolicy = z.enum(['skip', 'once', 'all']);
export type TMissedRunPolicy = z.infer<typeof ZMissedRunPolicy>;

export const ZJobLogLevel = z.enum(['info', 'warn', 'error']);
export type TJobLogLevel = z.infer<typeof ZJobLogLevel>;

export const ZJobLogLine = z.object({
  at: z.string(),
  level: ZJobLogLevel,
  message: z.string(),
  fields: z.record(z.string(), z.unknown()).optional(),
});
export type TJobLogLine = z.infer<typeof ZJobLogLine>;

export const ZJobRun = z.object({
  /** `jobName:slotIso` for scheduled and catch-up runs (the slot claim), `jobName:manual:...` otherwise. */
  id: z.string(),
  productId: z.string(),
  jobName: z.string(),
  status: ZJobRunStatus,
  trigger: ZJobTrigger,
  /** The schedule slot this run stands for; null for manual runs. */
  slotAt: z.string().nullable(),
  /** Why a run was skipped. */
  reason: z.string().nullable(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  instanceId: z.string(),
  /** The last attempt made (retries happen inside one run). */
  attempt: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  error: z.string().nullable(),
  metrics: z.record(z.string(), z.number()),
  /** The last 100 lines the job logged. */
  log: z.array(ZJobLogLine),
});
export type TJobRun = z.infer<typeof ZJobRun>;

export const ZJobRunSummary = ZJobRun.omit({ log: true });
export type TJobRunSummary = z.infer<typeof ZJobRunSummary>;

export const ZJobLastRun = z.object({
  runId: z.string(),
  status: ZJobRunStatus,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
});
export type TJobLastRun = z.infer<typeof ZJobLastRun>;

export const ZRetryPolicy = z.object({
  maxAttempts: z.number().int(),
  backoffMs: z.number(),
  factor: z.number(),
});

export const ZJobInfo = z.object({
  /** The job name again, so audit entries and tables have an id. */
  id: z.string(),
  name: z.string(),
  productId: z.string(),
  description: z.string(),
  cron: z.string(),
  /** The cron expression in words, e.g. "Every 6 hours". */
  schedule: z.string(),
  timezone: z.string(),
  /** The next five slots (ISO), whether or not the job is paused. */
  nextRuns: z.array(z.string()),
  enabled: z.boolean(),
  lastRun: ZJobLastRun.nullable(),
  timeoutMs: z.number().int(),
  retry: ZRetryPolicy,
  missedRunPolicy: ZMissedRunPolicy,
  maxCatchUp: z.number().int(),
  /** A run of this job is in progress on some instance. */
  running: z.boolean(),
});
export type TJobInfo = z.infer<typeof ZJobInfo>;

export const ZJobListOutput = z.object({ items: z.array(ZJobInfo) });

export const ZJobNameInput = z.object({ name: ZJobName });
export const ZJobRunIdInput = z.object({ id: z.string().min(1).max(255) });

export const ZJobRunsInput = z.object({
  jobName: ZJobName.optional(),
  status: ZJobRunStatus.optional(),
  trigger: ZJobTrigger.optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  limit: z.number().int().min(1).max(200).optional(),
  cursor: z.string().max(2000).optional(),
});
export type TJobRunsInput = z.infer<typeof ZJobRunsInput>;

export const ZJobRunsOutput = z.object({ items: z.array(ZJobRunSummary), nextCursor: z.string().nullable() });
