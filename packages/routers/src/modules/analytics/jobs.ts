import type { JobContext, JobDefinition } from '@bytelyst/scheduler/definition';
import { MINUTE_MS } from '../../lib/time';
import type { DefinitionsService } from './definitions';
import { RECOMPUTE_JOB, type RecomputeService } from './recompute';
import type { DefinitionsDoc } from './repository';
import { RETENTION_LOOKBACK_DAYS, type Rollups } from './rollups';

/**
 * The rollup schedule (roadmap §2.13), every job platform-wide over every product, each re-rolling the recent
 * days so that events arriving up to `lateDays` late are counted:
 * - analytics-dau, hourly: today's and yesterday's digests, and the DAU/WAU/MAU of those days;
 * - analytics-active, 01:00: the digests and active users of the late days before yesterday (and the calendar
 *   weeks, months and adoption buckets touching them);
 * - analytics-revenue, 01:30: revenue of the late days up to today;
 * - analytics-retention, 02:00: cohorts of the last 90 days, counted up to yesterday;
 * - analytics-funnels, 02:30: funnels entered within the longest window plus the late days;
 * - analytics-recompute, every 5 minutes and on request: queued recomputes (see recompute.ts).
 */
export const createAnalyticsJobs = (deps: {
  rollups: Rollups;
  definitions: DefinitionsService;
  recompute: RecomputeService;
  products: () => Promise<string[]>;
}): JobDefinition[] => {
  const { rollups, definitions } = deps;
  const eachProduct =
    (work: (productId: string, defs: DefinitionsDoc, today: number) => Promise<void>) =>
    async (ctx: JobContext) => {
      let products = 0;
      for (const productId of await deps.products()) {
        if (ctx.signal.aborted) break;
        await work(productId, await definitions.get(productId), rollups.today());
        products++;
      }
      return { products };
    };
  const timeouts = { timeoutMs: 30 * MINUTE_MS, retry: { maxAttempts: 2 } };

  return [
    {
      name: 'analytics-dau',
      cron: '5 * * * *',
      description: "Rolls today's and yesterday's day digests and their DAU/WAU/MAU",
      ...timeouts,
      run: eachProduct(async (productId, defs, today) => {
        await rollups.scan(productId, defs, today - 1, today, { digests: true, funnels: false });
        await rollups.active(productId, defs, today - 1, today);
      }),
    },
    {
      name: 'analytics-active',
      cron: '0 1 * * *',
      description: 'Re-rolls the late days: digests, WAU/MAU, calendar weeks and months, feature adoption',
      ...timeouts,
      run: eachProduct(async (productId, defs, today) => {
        const from = today - 1 - defs.activity.lateDays;
        await rollups.scan(productId, defs, from, today - 1, { digests: true, funnels: false });
        await rollups.active(productId, defs, from, today - 1);
      }),
    },
    {
      name: 'analytics-revenue',
      cron: '30 1 * * *',
      description: 'Rolls MRR, its movements and churn from the subscriptions',
      ...timeouts,
      run: eachProduct(async (productId, defs, today) => {
        await rollups.revenue(productId, today - 1 - defs.activity.lateDays, today);
      }),
    },
    {
      name: 'analytics-retention',
      cron: '0 2 * * *',
      description: 'Rolls the retention cohorts of the last 90 days',
      ...timeouts,
      run: eachProduct(async (productId, defs, today) => {
        await rollups.retention(productId, defs, today - RETENTION_LOOKBACK_DAYS, today);
      }),
    },
    {
      name: 'analytics-funnels',
      cron: '30 2 * * *',
      description: 'Rolls the funnels entered within their conversion window and the late days',
      ...timeouts,
      run: eachProduct(async (productId, defs, today) => {
        const window = Math.max(1, ...defs.funnels.map((f) => f.windowDays));
        await rollups.scan(productId, defs, today - window - defs.activity.lateDays, today, {
          digests: false,
          funnels: true,
        });
      }),
    },
    {
      name: RECOMPUTE_JOB,
      cron: '*/5 * * * *',
      description: 'Rebuilds the rollups of requested ranges from the raw data, with progress',
      timeoutMs: 120 * MINUTE_MS,
      retry: { maxAttempts: 1 },
      missedRunPolicy: 'skip',
      run: async (ctx) => ({ recomputes: await deps.recompute.runQueued(ctx.signal, ctx.runId) }),
    },
  ];
};
