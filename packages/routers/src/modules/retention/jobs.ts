import type { JobDefinition } from '@bytelyst/scheduler/definition';
import { CLEANUP_JOB, type Cleanup } from './cleanup';
import { HOLDS_JOB, type Holds } from './holds';

/** Daily at 02:30 UTC (and on demand): applies every product's retention policies. */
export const createCleanupJob = (cleanup: Cleanup): JobDefinition => ({
  name: CLEANUP_JOB,
  cron: '30 2 * * *',
  timezone: 'UTC',
  description:
    'Apply the retention policies: remove documents past their container’s days, except under a legal hold',
  missedRunPolicy: 'once',
  timeoutMs: 2 * 60 * 60_000,
  run: (ctx) => cleanup.run({ jobRunId: ctx.runId, trigger: ctx.trigger, signal: ctx.signal, log: ctx.log }),
});

/** Hourly (and when a hold is placed): keeps held users' documents from expiring by TTL. */
export const createHoldsJob = (holds: Holds): JobDefinition => ({
  name: HOLDS_JOB,
  cron: '5 * * * *',
  timezone: 'UTC',
  description: 'Keep the documents of users under a legal hold from expiring',
  missedRunPolicy: 'once',
  timeoutMs: 30 * 60_000,
  run: (ctx) => holds.pinAll(ctx.signal),
});
