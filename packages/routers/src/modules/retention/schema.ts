import { z } from 'zod';

/**
 * What a retention policy can govern (roadmap §2.23): the containers by their names in the store, and the export
 * files, which live in blob storage and are recorded in `export_jobs`.
 */
export const RETENTION_CONTAINERS = [
  'audit_log',
  'telemetry_events',
  'sessions',
  'export_files',
  'delivery_log',
  'webhook_deliveries',
  'job_runs',
  'events',
] as const;
export const ZRetentionContainer = z.enum(RETENTION_CONTAINERS);
export type TRetentionContainer = z.infer<typeof ZRetentionContainer>;

export type RetentionBounds = {
  label: string;
  defaultDays: number;
  minDays: number;
  maxDays: number;
  /** Why the bounds are where they are; the console shows it beside the field. */
  why: string;
};

/**
 * Defaults and bounds per container. A container whose documents are written with a time to live cannot keep
 * them longer than that by policy (both drivers stamp each document's expiry when it is written), so its
 * maximum is the TTL; the minimums keep what other parts of the platform still read.
 */
export const RETENTION_BOUNDS: Record<TRetentionContainer, RetentionBounds> = {
  audit_log: {
    label: 'Audit log',
    defaultDays: 365,
    minDays: 90,
    maxDays: 3650,
    why: 'At least 90 days for investigations; no TTL, so up to 10 years.',
  },
  telemetry_events: {
    label: 'Telemetry events',
    defaultDays: 30,
    minDays: 1,
    maxDays: 365,
    why: "Events also carry the collection policy's retention as their TTL; the shorter of the two wins.",
  },
  sessions: {
    label: 'Sessions',
    defaultDays: 90,
    minDays: 30,
    maxDays: 90,
    why: 'Idle sessions only, and never before they expire; 90 days is the container TTL.',
  },
  export_files: {
    label: 'Export files',
    defaultDays: 7,
    minDays: 1,
    maxDays: 7,
    why: 'The exports module deletes every file after 7 days; a policy can only shorten that.',
  },
  delivery_log: {
    label: 'Delivery log',
    defaultDays: 90,
    minDays: 7,
    maxDays: 90,
    why: 'Queued and held messages are never removed; 90 days is the container TTL.',
  },
  webhook_deliveries: {
    label: 'Webhook deliveries',
    defaultDays: 30,
    minDays: 1,
    maxDays: 30,
    why: 'Settled messages only; 30 days is the container TTL.',
  },
  job_runs: {
    label: 'Job runs',
    defaultDays: 90,
    minDays: 7,
    maxDays: 90,
    why: 'Finished runs only; 90 days is the container TTL.',
  },
  events: {
    label: 'Events',
    defaultDays: 30,
    minDays: 7,
    maxDays: 30,
    why: 'Delivered and dead-lettered events only, kept a week for replay; 30 days is the container TTL.',
  },
};

/** The field error a policy's days get when they are out of bounds, or null. */
export const daysError = (container: TRetentionContainer, days: number): string | null => {
  const b = RETENTION_BOUNDS[container];
  return days < b.minDays || days > b.maxDays
    ? `${b.label} keeps documents between ${b.minDays} and ${b.maxDays} days`
    : null;
};

/**
 * How a policy is applied: `ttl` when the store's TTL already removes documents at the policy's age (the cleanup
 * then only takes what the TTL does not reach), `sweep` when the cleanup deletes them in batches.
 */
export const ZPolicyMode = z.enum(['ttl', 'sweep']);

export const ZPolicy = z.object({
  container: ZRetentionContainer,
  label: z.string(),
  days: z.number().int(),
  defaultDays: z.number().int(),
  minDays: z.number().int(),
  maxDays: z.number().int(),
  /** The TTL documents are written with, in days (telemetry: the product's collection policy); null: none. */
  ttlDays: z.number().nullable(),
  mode: ZPolicyMode,
  /** The field a document's age is read from, and the fields that name its user (for legal holds). */
  timeField: z.string(),
  userFields: z.array(z.string()),
  why: z.string(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type TPolicy = z.infer<typeof ZPolicy>;

export const ZSetPolicyInput = z
  .object({ container: ZRetentionContainer, days: z.number().int() })
  .superRefine((input, ctx) => {
    const error = daysError(input.container, input.days);
    if (error) ctx.addIssue({ code: 'custom', path: ['days'], message: error });
  });
export type TSetPolicyInput = z.infer<typeof ZSetPolicyInput>;

/** Per container name; a container with nothing to report is absent. */
const ZCounts = z.record(z.string(), z.number().int().min(0));

export const RUN_STATUSES = ['running', 'succeeded', 'failed', 'interrupted'] as const;
export const ZRunStatus = z.enum(RUN_STATUSES);

export const ZRun = z.object({
  id: z.string(),
  jobRunId: z.string(),
  trigger: z.string(),
  status: ZRunStatus,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  /** Steps are (product, container) pairs; `current` names the one being worked on. */
  progress: z.object({ done: z.number().int(), total: z.number().int(), current: z.string().nullable() }),
  /** This product's documents the run removed, and those it kept because of a legal hold, per container. */
  removed: ZCounts,
  exempt: ZCounts,
  /** Every product's (and the platform's own) documents the run removed. */
  totalRemoved: z.number().int(),
  error: z.string().nullable(),
  /** The interrupted run this one took over from. */
  resumedFrom: z.string().nullable(),
});
export type TRun = z.infer<typeof ZRun>;

export const ZRunListInput = z
  .object({ limit: z.coerce.number().int().min(1).max(100).optional(), cursor: z.string().optional() })
  .optional();
export const ZRunList = z.object({ items: z.array(ZRun), nextCursor: z.string().nullable() });
export const ZRunIdInput = z.object({ id: z.string().min(1).max(100) });

export const ZPolicyList = z.object({
  items: z.array(ZPolicy),
  schedule: z.object({
    job: z.string(),
    cron: z.string(),
    timezone: z.string(),
    nextRunAt: z.string().nullable(),
    paused: z.boolean(),
  }),
  lastRun: ZRun.nullable(),
});

export const ZPreview = z.object({
  at: z.string(),
  items: z.array(
    z.object({
      container: ZRetentionContainer,
      days: z.number().int(),
      /** Documents older than this (by `timeField`) go. */
      cutoff: z.string(),
      wouldRemove: z.number().int(),
      /** Old enough, but kept for a user under a legal hold. */
      exempt: z.number().int(),
    }),
  ),
});
export type TPreview = z.infer<typeof ZPreview>;

export const ZTriggerOutput = z.object({ jobRunId: z.string() });

export const ZHoldStatus = z.enum(['active', 'released']);
export const ZHold = z.object({
  id: z.string(),
  userId: z.string(),
  userEmail: z.string(),
  reason: z.string(),
  status: ZHoldStatus,
  createdBy: z.string(),
  createdByEmail: z.string(),
  createdAt: z.string(),
  releasedAt: z.string().nullable(),
  releasedBy: z.string().nullable(),
});
export type THold = z.infer<typeof ZHold>;

export const ZHoldCreateInput = z
  .object({
    userId: z.string().trim().min(1).max(128).optional(),
    email: z.string().trim().toLowerCase().email().max(320).optional(),
    reason: z.string().trim().min(3, 'Say why the hold is placed (at least 3 characters)').max(500),
  })
  .superRefine((input, ctx) => {
    if (!input.userId === !input.email) {
      ctx.addIssue({
        code: 'custom',
        path: ['userId'],
        message: 'Name the user by id or by email, not both',
      });
    }
  });
export type THoldCreateInput = z.infer<typeof ZHoldCreateInput>;

export const ZHoldListInput = z
  .object({
    status: ZHoldStatus.optional(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
    cursor: z.string().optional(),
  })
  .optional();
export const ZHoldList = z.object({ items: z.array(ZHold), nextCursor: z.string().nullable() });
export const ZHoldIdInput = z.object({ id: z.string().min(1).max(100) });
