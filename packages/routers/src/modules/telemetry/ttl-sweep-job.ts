import type { JobDefinition } from '@bytelyst/scheduler/definition';
import type { LegalHolds } from '../../lib/legal-holds';
import { DAY_MS } from '../../lib/time';
import type { TelemetryEventsService } from './events-service';
import type { PolicyService } from './policy';

/**
 * Built-in job, daily at 03:00 UTC, deletes the telemetry events each product's policy no longer
 * retains. Events carry a TTL from the policy at write time, but Cosmos TTL is best effort and a shortened
 * retention does not reach events already written. Deleting what is already gone finds nothing, so reruns
 * are harmless. Events of users under a legal hold stay until it is released.
 */
export const createTelemetryTtlSweepJob = (deps: {
  policies: Pick<PolicyService, 'all'>;
  events: Pick<TelemetryEventsService, 'deleteReceivedBefore'>;
  legalHolds: LegalHolds;
}): JobDefinition => ({
  name: 'telemetry-ttl-sweep',
  cron: '0 3 * * *',
  timezone: 'UTC',
  description: "Delete client telemetry events past their product's retention period",
  missedRunPolicy: 'once',
  timeoutMs: 30 * 60_000,
  async run(ctx) {
    const metrics = { products: 0, scanned: 0, deleted: 0 };
    const held = await deps.legalHolds.held();
    for (const policy of await deps.policies.all()) {
      if (ctx.signal.aborted) break;
      const before = new Date(ctx.now() - policy.retentionDays * DAY_MS).toISOString();
      const result = await deps.events.deleteReceivedBefore(
        policy.productId,
        before,
        ctx.signal,
        held.of(policy.productId),
      );
      metrics.products += 1;
      metrics.scanned += result.scanned;
      metrics.deleted += result.deleted;
      if (result.deleted > 0) {
        ctx.log('info', `Deleted ${result.deleted} telemetry events of ${policy.productId}`, { before });
      }
    }
    return metrics;
  },
});
