import type { JobDefinition } from '@bytelyst/scheduler/definition';
import { MINUTE_MS } from '../../lib/time';
import { REBUILD_JOB, type Rebuilds } from './rebuild';

/**
 * The rebuild worker: started at once when an admin asks for a rebuild, and every 5 minutes to pick up one that
 * was queued while another ran or whose process died.
 */
export const createSearchJobs = (rebuilds: Rebuilds): JobDefinition[] => [
  {
    name: REBUILD_JOB,
    cron: '*/5 * * * *',
    description: "Rebuilds products' search indexes from their records, with progress",
    timeoutMs: 120 * MINUTE_MS,
    retry: { maxAttempts: 1 },
    missedRunPolicy: 'skip',
    run: async (ctx) => ({ rebuilds: await rebuilds.runQueued(ctx.signal, ctx.runId) }),
  },
];
