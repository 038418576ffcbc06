import type { ModuleDeps } from '../../module-deps';
import { createClustersService } from './clusters';
import { createTelemetryEventsService } from './events-service';
import { telemetryUserErasure } from './handlers';
import { createIngestService } from './ingest';
import { createPolicyService } from './policy';
import { createTelemetryRepository } from './repository';
import { createTelemetryTtlSweepJob } from './ttl-sweep-job';

/** Client telemetry: sampled batch ingestion, error clusters, collection policies, erasure and retention. */
export const createTelemetryModule = (deps: ModuleDeps) => {
  const repo = createTelemetryRepository(deps.store);
  const policies = createPolicyService({ repo, clock: deps.clock });
  const clusters = createClustersService({ repo, clock: deps.clock, bus: deps.bus });
  const events = createTelemetryEventsService({ repo, clusters, clock: deps.clock, bus: deps.bus });
  const { ingest } = createIngestService({
    repo,
    policies,
    clusters,
    clock: deps.clock,
    random: deps.random,
  });
  deps.jobRegistry.register(createTelemetryTtlSweepJob({ policies, events }));
  deps.bus.subscribe(telemetryUserErasure(events));
  return { ingest, policies, clusters, events };
};

export type TelemetryModule = ReturnType<typeof createTelemetryModule>;
