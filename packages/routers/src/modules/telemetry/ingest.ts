import type { BatchOperation, Clock } from '@bytelyst/db/document-store';
import { AppError } from '../../app-error';
import { randomId } from '../../lib/crypto';
import { DAY_SECONDS, isoNow } from '../../lib/time';
import type { ClusterDelta, ClustersService } from './clusters';
import { fingerprintOf } from './fingerprint';
import { isDenied, type PolicyService, sampleRateOf } from './policy';
import { BATCH_SIZE, type TelemetryEventDoc, type TelemetryRepository } from './repository';
import type { TClientEventInput } from './schema';

/** How far ahead of the server a client clock may run before its events are refused. */
const MAX_CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

export type IngestResult = {
  accepted: number;
  sampledOut: number;
  rejected?: { index: number; reason: string }[];
};

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

export const createIngestService = (deps: {
  repo: TelemetryRepository;
  policies: PolicyService;
  clusters: ClustersService;
  clock: Clock;
  random: () => number;
}) => {
  const { repo, clock } = deps;
  return {
    /**
     * Samples the batch by the product's policy, writes the kept events in store batches of 100 (one partition)
     * with the policy's retention as their TTL, then folds the error and fatal ones into their clusters.
     */
    async ingest(
      productId: string,
      events: readonly TClientEventInput[],
      userId: string | null,
    ): Promise<IngestResult> {
      const policy = await deps.policies.forIngest(productId);
      if (events.length > policy.maxBatch) {
        throw new AppError('VALIDATION', `At most ${policy.maxBatch} events per batch for this product`, {
          fields: [{ path: 'events', message: `At most ${policy.maxBatch} events per batch` }],
        });
      }
      const now = clock();
      const oldest = now - policy.retentionDays * DAY_SECONDS * 1000;
      const receivedAt = isoNow(clock);
      const ttl = policy.retentionDays * DAY_SECONDS;
      const kept: TelemetryEventDoc[] = [];
      const rejected: { index: number; reason: string }[] = [];
      const titles = new Map<string, string>();
      let sampledOut = 0;
      for (const [index, input] of events.entries()) {
        const at = Date.parse(input.at);
        if (at > now + MAX_CLOCK_SKEW_MS) {
          rejected.push({ index, reason: 'at is in the future' });
          continue;
        }
        if (at < oldest) {
          rejected.push({ index, reason: 'at is older than the retention period' });
          continue;
        }
        const dropped =
          !policy.enabled ||
          isDenied(policy, input.name) ||
          deps.random() >= sampleRateOf(policy, input.level);
        if (dropped) {
          sampledOut += 1;
          continue;
        }
        const cluster = input.level === 'error' || input.level === 'fatal' ? fingerprintOf(input) : null;
        if (cluster) titles.set(cluster.fingerprint, cluster.title);
        kept.push({
          id: randomId(12),
          productId,
          name: input.name,
          level: input.level,
          at: new Date(at).toISOString(),
          receivedAt,
          userId: userId ?? input.userId ?? null,
          sessionId: input.sessionId ?? null,
          deviceId: input.deviceId ?? null,
          platform: input.platform,
          appVersion: input.appVersion,
          osVersion: input.osVersion ?? null,
          message: input.message ?? null,
          stack: input.stack ?? null,
          props: input.props ?? {},
          fingerprint: cluster?.fingerprint ?? null,
        });
      }

      for (const chunk of chunks(kept, BATCH_SIZE)) {
        const ops: BatchOperation<TelemetryEventDoc>[] = chunk.map((doc) => ({ op: 'create', doc, ttl }));
        await repo.events.batch(productId, ops);
      }

      const deltas = new Map<string, ClusterDelta>();
      for (const doc of kept) {
        if (!doc.fingerprint) continue;
        const delta = deltas.get(doc.fingerprint);
        if (delta) delta.events.push(doc);
        else {
          const title = titles.get(doc.fingerprint) ?? doc.name;
          deltas.set(doc.fingerprint, { fingerprint: doc.fingerprint, title, events: [doc] });
        }
      }
      for (const delta of deltas.values()) await deps.clusters.apply(productId, delta);

      return { accepted: kept.length, sampledOut, ...(rejected.length > 0 ? { rejected } : {}) };
    },
  };
};

export type IngestService = ReturnType<typeof createIngestService>;
