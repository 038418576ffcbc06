import { z } from 'zod';
import { def, id } from './def';

/** The platform itself: audit, jobs and the bus. */
export const PLATFORM_EVENTS = {
  'admin.action': def({
    version: 1,
    public: false,
    description:
      "An admin mutation, or a user's change to their own account, succeeded; the audit log is written from this event.",
    payload: z.object({
      actorId: id,
      actorEmail: z.string(),
      actorTokenId: z.string().nullable(),
      action: z.string(),
      targetType: z.string(),
      targetId: z.string().nullable(),
      requestId: z.string(),
      ip: z.string(),
      impersonatedBy: z.string().nullable(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  }),
  'job.failed': def({
    version: 1,
    public: false,
    description: 'A scheduled or manual job run ended failed or timed out after its last attempt.',
    payload: z.object({
      jobName: id,
      runId: id,
      status: z.enum(['failed', 'timed_out']),
      attempts: z.number().int().min(1),
      error: z.string(),
    }),
  }),
  'bus.dead_letters_reported': def({
    version: 1,
    public: false,
    description: 'The dead-letter sweep found deliveries that exhausted their retries.',
    payload: z.object({
      total: z.number().int().min(0),
      newSinceLastSweep: z.number().int().min(0),
      bySubscriber: z.record(z.string(), z.number().int().min(0)),
    }),
  }),
  'bus.recovery_requested': def({
    version: 1,
    public: false,
    description:
      'An admin asked to replay, for one product since a time, the webhook messages that failed, the ' +
      'notifications that failed or are held, and the job slots that were skipped.',
    payload: z.object({ recoveryId: id, since: z.iso.datetime() }),
  }),
} as const;
