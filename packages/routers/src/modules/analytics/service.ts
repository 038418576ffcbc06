import type { Clock, DocumentStore } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import type { JobTrigger } from '../../lib/job-trigger';
import { activeUsersCsv, adoptionCsv, funnelCsv, retentionCsv, revenueCsv } from './csv';
import { createDefinitionsService } from './definitions';
import { createAnalyticsJobs } from './jobs';
import { createActiveReader } from './read-active';
import { readFunnel } from './read-funnel';
import { readRetention } from './read-retention';
import { readRevenue } from './read-revenue';
import { createRecompute } from './recompute';
import { createAnalyticsRepository } from './repository';
import { createRollups } from './rollups';
import type {
  TActiveUsersInput,
  TAdoptionInput,
  TCsvInput,
  TFunnelInput,
  TRetentionInput,
  TRevenueInput,
} from './schema';
import { createSources } from './sources';

/**
 * Analytics (roadmap §2.13): rollup jobs over the raw data, and views that read rollups only. Computed in this
 * process over the store (see README, "Analytics"): raw events are streamed a page at a time, distinct counts
 * come from per-day user sets.
 */
export const createAnalyticsService = (deps: {
  store: DocumentStore;
  clock: Clock;
  bus: EventBus;
  jobs: JobTrigger;
  products: () => Promise<string[]>;
}) => {
  const { clock, bus } = deps;
  const repo = createAnalyticsRepository(deps.store);
  const sources = createSources(deps.store);
  const rollups = createRollups({ repo, sources, clock });
  const definitions = createDefinitionsService({ repo, clock, bus });
  const recompute = createRecompute({ repo, rollups, definitions, clock, bus, jobs: deps.jobs });
  const reader = createActiveReader({ repo, clock });

  const views = {
    activeUsers: (productId: string, input: TActiveUsersInput) => reader.activeUsers(productId, input),
    async adoption(productId: string, input: TAdoptionInput) {
      return reader.adoption(productId, input, (await definitions.get(productId)).features);
    },
    retention: (productId: string, input: TRetentionInput) => readRetention(repo, productId, input),
    async funnel(productId: string, input: TFunnelInput) {
      return readFunnel(repo, productId, input, (await definitions.get(productId)).funnels);
    },
    revenue: (productId: string, input: TRevenueInput) => readRevenue(repo, productId, input),
  };

  return {
    ...views,
    definitions,
    recompute,
    /** The rollup steps, for the jobs and for tools that drive them directly (the bench). */
    rollups,
    jobs: createAnalyticsJobs({ rollups, definitions, recompute, products: deps.products }),
    async csv(productId: string, input: TCsvInput) {
      const common = { from: input.from, to: input.to, breakdown: input.breakdown };
      const csv = await (async () => {
        switch (input.view) {
          case 'active-users':
            return activeUsersCsv(
              await views.activeUsers(productId, { ...common, granularity: input.granularity }),
            );
          case 'adoption':
            return adoptionCsv(
              await views.adoption(productId, { ...common, granularity: input.granularity }),
            );
          case 'retention':
            return retentionCsv(
              await views.retention(productId, {
                ...common,
                granularity: input.granularity === 'week' ? 'week' : 'day',
                start: input.start,
                mode: input.mode,
              }),
            );
          case 'funnel':
            return funnelCsv(
              await views.funnel(productId, {
                ...common,
                granularity: input.granularity,
                funnelId: input.funnelId,
              }),
            );
          case 'revenue':
            return revenueCsv(await views.revenue(productId, { ...common, granularity: input.granularity }));
        }
      })();
      return {
        filename: `analytics-${input.view}-${productId}-${input.from}-${input.to}.csv`,
        contentType: 'text/csv' as const,
        csv,
      };
    },
  };
};

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
