import type { JobsRepository } from '@bytelyst/scheduler/repository';
import { PLATFORM_PRODUCT_ID, type TJobRun } from '@bytelyst/scheduler/schema';
import type { JobTrigger } from '../../lib/job-trigger';
import { defineModule } from '../../module';
import type { AuditService } from '../audit/service';
import type { DeliveryModuleService } from '../delivery/module';
import type { EventsService } from '../events/service';
import type { WebhooksService } from '../webhooks/module';
import { EVENT_TIMELINE_CONTAINERS } from './containers';
import { createEventRecovery } from './recovery';
import { createEventRecoveriesRepository } from './repository';
import { buildTimeline, type TimelineSources } from './timeline';

type Needs = {
  events: EventsService;
  audit: AuditService;
  webhooks: WebhooksService;
  delivery: DeliveryModuleService;
  jobsRepo: JobsRepository;
  jobTrigger: JobTrigger;
};

/** A product's skipped job slots since T (its own jobs and the platform's), oldest first. */
const skippedSince = async (jobsRepo: JobsRepository, productId: string, since: string) => {
  const out: TJobRun[] = [];
  let continuation: string | undefined;
  do {
    const page = await jobsRepo.listRuns({
      where: {
        productId: { in: [productId, PLATFORM_PRODUCT_ID] },
        status: { eq: 'skipped' },
        startedAt: { gte: since },
      },
      limit: 500,
      ...(continuation ? { continuation } : {}),
    });
    out.push(...page.items.filter((run) => run.slotAt !== null));
    continuation = page.continuation ?? undefined;
  } while (continuation);
  return out.reverse();
};

/**
 * One event's whole story (what each subscriber did, the webhook messages and their attempts, the mails and
 * pushes sent, its audit entry, the job runs it started) and recovery across channels since a time. It reads
 * the modules that keep those records; it keeps only its recovery runs.
 */
export const eventTimelineModule = defineModule({
  name: 'eventTimeline',
  containers: EVENT_TIMELINE_CONTAINERS,
  create: ({ store, clock, bus }, needs: Needs) => {
    const sources: TimelineSources = {
      event: (productId, id) => needs.events.get(productId, id),
      webhookMessages: (productId, eventId) => needs.webhooks.messages.ofEventDetailed(productId, eventId),
      deliveries: (productId, eventId, eventAt) => needs.delivery.ofEvent(productId, eventId, eventAt),
      auditRecord: (productId, eventId) => needs.audit.find(productId, eventId),
      async auditByActor(productId, actorId, from, to) {
        const page = await needs.audit.list(productId, { actorId, from, to, limit: 50 });
        return page.items.reverse();
      },
      jobRuns: (eventId) => needs.jobsRepo.runsOfEvent(eventId),
    };
    const recovery = createEventRecovery({
      repo: createEventRecoveriesRepository(store),
      clock,
      bus,
      channels: {
        webhooks: {
          preview: (productId, since) => needs.webhooks.recovery.preview(productId, since),
          start: (productId, endpointId, since, actorId) =>
            needs.webhooks.recovery.start(productId, endpointId, since, actorId),
          get: (productId, id) => needs.webhooks.recovery.get(productId, id),
        },
        delivery: needs.delivery.recovery,
        jobs: {
          skippedSince: (productId, since) => skippedSince(needs.jobsRepo, productId, since),
          rerunSkipped: (name, runId, actor) => needs.jobTrigger.rerunSkipped(name, runId, actor),
        },
      },
    });
    return {
      service: {
        timeline: (productId: string, id: string) => buildTimeline(sources, productId, id),
        recovery,
      },
      subscribers: [recovery.subscriber],
    };
  },
});
