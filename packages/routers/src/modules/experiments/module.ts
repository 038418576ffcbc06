import { defineModule } from '../../module';
import type { UsageService } from '../billing/usage/service';
import type { FlagsService } from '../flags/service';
import type { SessionsService } from '../sessions/service';
import type { TelemetryEventsService } from '../telemetry/events-service';
import { createAssignments } from './assignments';
import { EXPERIMENT_CONTAINERS } from './containers';
import { experimentsFlagRollout, experimentsSignInMerge } from './handlers';
import { createMetricsService } from './metrics';
import { createExperimentsRepository } from './repository';
import { createResultsService } from './results';
import { createExperimentResultsJob } from './results-job';
import { createExperimentsService } from './service';

/** How long an instance assigns from its compiled copy of a product's running experiments. */
export const EXPERIMENT_CACHE_TTL_MS = 5_000;

type Needs = {
  flags: Pick<FlagsService, 'get' | 'update' | 'toggle'>;
  telemetry: { events: Pick<TelemetryEventsService, 'scan'> };
  billing: { usage: Pick<UsageService, 'scanCounters'> };
  sessions: Pick<SessionsService, 'find'>;
};

/**
 * A/B experiments: GrowthBook-compatible assignment with sticky variations and exposures, metrics over telemetry
 * and usage, results from the statistics engine (hourly and on demand), and conclusion into a flag.
 */
export const experimentsModule = defineModule({
  name: 'experiments',
  containers: EXPERIMENT_CONTAINERS,
  create: ({ store, clock, bus }, needs: Needs) => {
    const repo = createExperimentsRepository(store);
    const assignments = createAssignments({ repo, clock, ttlMs: EXPERIMENT_CACHE_TTL_MS });
    const results = createResultsService({
      repo,
      clock,
      bus,
      sources: (productId) => ({
        telemetry: (range, visit) => needs.telemetry.events.scan(productId, range, visit),
        usage: (range, visit) => needs.billing.usage.scanCounters(productId, range, visit),
      }),
    });
    const experiments = createExperimentsService({
      repo,
      clock,
      bus,
      assignments,
      results,
      needs: {
        flagExists: (productId, key) =>
          needs.flags.get(productId, key).then(
            () => true,
            () => false,
          ),
      },
    });
    const metrics = createMetricsService({ repo, clock });
    return {
      service: {
        ...experiments,
        assign: assignments.assign,
        mergeDevice: assignments.mergeDevice,
        results,
        metrics: {
          ...metrics,
          delete: (productId: string, key: string) =>
            metrics.delete(productId, key, (k) => experiments.metricUser(productId, k)),
        },
      },
      subscribers: [
        experimentsSignInMerge(assignments, {
          sessionDevice: async (userId, sessionId) =>
            (await needs.sessions.find(userId, sessionId))?.deviceId ?? null,
        }),
        experimentsFlagRollout({
          rollout: async (productId, flagKey, on, actorId) => {
            const flag = await needs.flags.get(productId, flagKey);
            if (on && flag.percentage !== 100) {
              await needs.flags.update(productId, { id: flagKey, percentage: 100 }, actorId);
            }
            await needs.flags.toggle(productId, flagKey, on, actorId);
          },
        }),
      ],
      jobs: [createExperimentResultsJob({ results })],
    };
  },
});

export type ExperimentsModuleService = ReturnType<typeof experimentsModule.create>['service'];
