import type { LegalHolds } from '../../lib/legal-holds';
import { defineModule } from '../../module';
import { createClustersService } from './clusters';
import { TELEMETRY_CONTAINERS } from './containers';
import { createTelemetryEventsService } from './events-service';
import { telemetryUserErasure } from './handlers';
import { createIngestService } from './ingest';
import { createPolicyService } from './policy';
import { createTelemetryRepository } from './repository';
import { createTelemetryTtlSweepJob } from './ttl-sweep-job';

/** Client telemetry: sampled batch ingestion, error clusters, collection policies, erasure and retention. */
export const telemetryModule = defineModule({
  name: 'telemetry',
  containers: TELEMETRY_CONTAINERS,
  create: ({ store, clock, bus, random }, { legalHolds }: { legalHolds: LegalHolds }) => {
    const repo = createTelemetryRepository(store);
    const policies = createPolicyService({ repo, clock });
    const clusters = createClustersService({ repo, clock, bus });
    const events = createTelemetryEventsService({ repo, clusters, clock, bus });
    const { ingest } = createIngestService({ repo, policies, clusters, clock, random });
    return {
      service: { ingest, policies, clusters, events },
      subscribers: [telemetryUserErasure(events)],
      jobs: [createTelemetryTtlSweepJob({ policies, events, legalHolds })],
    };
  },
});
