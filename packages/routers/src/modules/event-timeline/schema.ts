import { z } from 'zod';

/** Every timeline entry: when it happened, a one-line title, its status, and its own page in the console. */
const ZEntryBase = z.object({
  at: z.string(),
  title: z.string(),
  status: z.string(),
  /** The console page of the thing itself; null where it has none (a subscriber's delivery is on this page). */
  href: z.string().nullable(),
});

export const TIMELINE_KINDS = [
  'audit',
  'subscriber',
  'webhook_message',
  'webhook_attempt',
  'email',
  'push',
  'job_run',
] as const;
export type TTimelineKind = (typeof TIMELINE_KINDS)[number];

export const ZTimelineEntry = z.discriminatedUnion('kind', [
  ZEntryBase.extend({
    kind: z.literal('subscriber'),
    subscriber: z.string(),
    attempts: z.number().int(),
    error: z.string().nullable(),
  }),
  ZEntryBase.extend({
    kind: z.literal('webhook_message'),
    endpointId: z.string(),
    messageId: z.string(),
    attemptCount: z.number().int(),
  }),
  ZEntryBase.extend({
    kind: z.literal('webhook_attempt'),
    endpointId: z.string(),
    messageId: z.string(),
    /** 1 for the first attempt kept. */
    attempt: z.number().int(),
    trigger: z.string(),
    responseCode: z.number().int().nullable(),
    durationMs: z.number().int(),
    error: z.string().nullable(),
  }),
  ZEntryBase.extend({
    kind: z.enum(['email', 'push']),
    deliveryId: z.string(),
    /** The address, or the device id of a push. */
    to: z.string(),
    template: z.string(),
    /** The bus subscriber that sent it. */
    subscriber: z.string().nullable(),
    provider: z.string().nullable(),
  }),
  ZEntryBase.extend({
    kind: z.literal('audit'),
    entryId: z.string(),
    action: z.string(),
    actorEmail: z.string(),
    /**
     * `records`: the entry is this event's own record (an admin action, an impersonation, a password reset);
     * `caused_by`: the admin action that made the change this event reports (same actor and target, just after).
     */
    relation: z.enum(['records', 'caused_by']),
  }),
  ZEntryBase.extend({
    kind: z.literal('job_run'),
    runId: z.string(),
    jobName: z.string(),
    trigger: z.string(),
  }),
]);
export type TTimelineEntry = z.infer<typeof ZTimelineEntry>;

export const ZTimelineOutput = z.object({
  eventId: z.string(),
  type: z.string(),
  productId: z.string(),
  at: z.string(),
  /** Oldest first; entries of the same instant in the order audit, subscriber, webhook, email, push, job. */
  items: z.array(ZTimelineEntry),
});
export type TTimelineOutput = z.infer<typeof ZTimelineOutput>;

/** How far back a recovery reaches: the delivery log and job runs are kept 90 days, webhook messages 30. */
export const RECOVERY_MAX_DAYS = 90;

export const ZRecoverInput = z.object({ since: z.iso.datetime({ offset: true }) });
export type TRecoverInput = z.infer<typeof ZRecoverInput>;

export const ZRecoveryCounts = z.object({
  webhookMessages: z.number().int(),
  notifications: z.object({ failed: z.number().int(), held: z.number().int() }),
  jobSlots: z.number().int(),
});
export type TRecoveryCounts = z.infer<typeof ZRecoveryCounts>;

export const ZRecoveryPreview = ZRecoveryCounts.extend({
  since: z.string(),
  /** Per endpoint, only those with something to send again. */
  endpoints: z.array(z.object({ endpointId: z.string(), url: z.string(), messages: z.number().int() })),
  /** Per job, the skipped slots that would run. */
  jobs: z.array(z.object({ jobName: z.string(), slots: z.number().int() })),
});
export type TRecoveryPreview = z.infer<typeof ZRecoveryPreview>;

const ZProgress = z.object({ total: z.number().int(), done: z.number().int() });

export const ZRecoveryStatus = z.enum(['running', 'done', 'failed']);

export const ZEventRecovery = z.object({
  id: z.string(),
  since: z.string(),
  /** `done` once every channel has finished, the webhook endpoints' own recover runs included. */
  status: ZRecoveryStatus,
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  /** The counts when it started. */
  preview: ZRecoveryCounts,
  progress: z.object({
    webhookMessages: ZProgress,
    notifications: ZProgress,
    jobSlots: ZProgress.extend({ failed: z.number().int() }),
  }),
  /** The webhook endpoints' recover runs it started (GET /v1/webhooks/recoveries/{id}). */
  webhookRecoveryIds: z.array(z.string()),
});
export type TEventRecovery = z.infer<typeof ZEventRecovery>;

export const ZEventRecoveryInput = z.object({ id: z.string().min(1).max(64) });
export const ZEventRecoveryList = z.object({ items: z.array(ZEventRecovery) });
