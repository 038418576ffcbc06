import {
  JOB_NAME_PATTERN,
  ZJobLastRun,
  ZJobRun,
  ZJobRunStatus,
  ZJobTrigger,
  ZMissedRunPolicy,
} from '@bytelyst/scheduler/schema';
import { z } from 'zod';

// The run record is the scheduler's; the API serves it unchanged, and the console imports its types from here.
export {
  type TJobLogLine,
  type TJobRun,
  type TJobRunStatus,
  type TJobTrigger,
  ZJobRun,
} from '@bytelyst/scheduler/schema';

export const ZJobName = z
  .string()
  .max(64)
  .regex(JOB_NAME_PATTERN, 'Kebab-case: lowercase letters and digits in dash-separated words');

export const ZJobRunSummary = ZJobRun.omit({ log: true });
export type TJobRunSummary = z.infer<typeof ZJobRunSummary>;

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
  /** Keeps running while its product is in maintenance; other jobs are held then. */
  duringMaintenance: z.boolean(),
  /** The products whose maintenance holds it now (it catches up by its missed-run policy once lifted). */
  maintenanceHolds: z.array(z.string()),
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
