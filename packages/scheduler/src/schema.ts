/** The run records and definition state the scheduler persists; the jobs admin API serves them as they are. */
import { z } from 'zod';

/** Platform-wide jobs live under this product id; it is not a valid product slug, so it never collides. */
export const PLATFORM_PRODUCT_ID = '*';

export const JOB_NAME_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** A product slug, as the products module defines it; a product-scoped job names its product by it. */
export const PRODUCT_ID_PATTERN = /^[a-z][a-z0-9-]{1,31}$/;

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
  /** The bus event this run answers (a request's event that also started the job); absent or null: none. */
  eventId: z.string().nullable().optional(),
});
export type TJobRun = z.infer<typeof ZJobRun>;

export const ZJobLastRun = z.object({
  runId: z.string(),
  status: ZJobRunStatus,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
});
export type TJobLastRun = z.infer<typeof ZJobLastRun>;
