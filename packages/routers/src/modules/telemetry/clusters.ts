import type { Clock, Mutated, Outbox } from '@bytelyst/db/document-store';
import { isStoreError, withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { isoNow } from '../../lib/time';
import { addToSketch, estimateUsers, removeFromSketch, userHash } from './affected-users';
import type { ClusterDoc, TelemetryEventDoc, TelemetryRepository } from './repository';
import type { TClusterListInput, TClusterStatus, TErrorCluster } from './schema';

const MAX_SEEN = 20;
const MAX_ATTEMPTS = 20;
const RETRY_BATCH = 'Error cluster is too contended; retry the batch';
const TRY_AGAIN = 'Error cluster is too contended; try again';

export const toCluster = (doc: ClusterDoc): TErrorCluster => ({
  id: doc.id,
  productId: doc.productId,
  level: doc.level,
  title: doc.title,
  count: doc.count,
  firstSeenAt: doc.firstSeenAt,
  lastSeenAt: doc.lastSeenAt,
  sampleMessage: doc.sampleMessage,
  sampleStack: doc.sampleStack,
  sampleEventId: doc.sampleEventId,
  platforms: doc.platforms,
  appVersions: doc.appVersions,
  affectedUsers: doc.affectedUsers,
  status: doc.status,
  regression: doc.regression,
  statusChangedAt: doc.statusChangedAt,
  statusChangedBy: doc.statusChangedBy,
});

/** The error events of one batch that share a fingerprint, folded into one cluster write. */
export type ClusterDelta = { fingerprint: string; title: string; events: TelemetryEventDoc[] };

const addSeen = (seen: readonly string[], values: readonly string[]) =>
  [...new Set([...seen, ...values])].slice(-MAX_SEEN);

const userKeyOf = (e: TelemetryEventDoc) =>
  e.userId ? `u:${e.userId}` : e.deviceId ? `d:${e.deviceId}` : null;

const latest = (events: readonly TelemetryEventDoc[]) => events.reduce((a, b) => (b.at > a.at ? b : a));

const fold = (current: ClusterDoc | undefined, delta: ClusterDelta, productId: string): ClusterDoc => {
  const sample = latest(delta.events);
  // ISO times of one format sort as strings.
  const times = delta.events.map((e) => e.at).sort();
  const first = times[0] ?? sample.at;
  const last = times[times.length - 1] ?? sample.at;
  const hashes = delta.events.flatMap((e) => {
    const key = userKeyOf(e);
    return key ? [userHash(key)] : [];
  });
  const sketch = addToSketch(current?.userSketch ?? [], hashes);
  const base: ClusterDoc = current ?? {
    id: delta.fingerprint,
    productId,
    level: sample.level,
    title: delta.title,
    count: 0,
    firstSeenAt: first,
    lastSeenAt: last,
    sampleMessage: null,
    sampleStack: null,
    sampleEventId: null,
    sampleUserId: null,
    platforms: [],
    appVersions: [],
    affectedUsers: 0,
    userSketch: [],
    status: 'open',
    regression: false,
    statusChangedAt: null,
    statusChangedBy: null,
  };
  const newer = !current || sample.at >= current.lastSeenAt;
  const reopen = base.status === 'resolved';
  return {
    ...base,
    // Fatal outranks error: a cluster that ever crashed the app shows as fatal.
    level: base.level === 'fatal' || sample.level === 'fatal' ? 'fatal' : base.level,
    count: base.count + delta.events.length,
    firstSeenAt: [first, base.firstSeenAt].sort()[0] ?? first,
    lastSeenAt: [last, base.lastSeenAt].sort()[1] ?? last,
    ...(newer
      ? {
          sampleMessage: sample.message,
          sampleStack: sample.stack,
          sampleEventId: sample.id,
          sampleUserId: sample.userId,
        }
      : {}),
    platforms: addSeen(
      base.platforms,
      delta.events.map((e) => e.platform),
    ),
    appVersions: addSeen(
      base.appVersions,
      delta.events.map((e) => e.appVersion),
    ),
    userSketch: sketch,
    affectedUsers: estimateUsers(sketch),
    ...(reopen ? { status: 'open' as const, regression: true } : {}),
  };
};

export const createClustersService = (deps: { repo: TelemetryRepository; clock: Clock; bus: EventBus }) => {
  const { repo, clock, bus } = deps;

  /** A cluster that kept changing under every attempt: the caller may retry. */
  const contended = async <T>(work: Promise<T>, message: string): Promise<T> => {
    try {
      return await work;
    } catch (error) {
      if (isStoreError(error, 'precondition_failed')) throw new AppError('UNAVAILABLE', message);
      throw error;
    }
  };

  /** Rewrites one cluster's stored state with `change` under its etag; undefined when it does not exist. */
  const modify = (
    productId: string,
    id: string,
    change: (doc: ClusterDoc) => ClusterDoc,
    outbox?: (next: ClusterDoc, current: ClusterDoc) => Outbox | undefined,
  ): Promise<Mutated<ClusterDoc> | undefined> =>
    repo.clusters.mutate(productId, id, (stored) => change(withoutSystemFields(stored)), {
      attempts: MAX_ATTEMPTS,
      ...(outbox ? { outbox } : {}),
    });

  /**
   * Folds the delta into its cluster under the etag, so no count is lost; the first delta creates it, and a
   * lost race to create it folds into the winner's. The platform acts here (actor null): an anonymous
   * client's user id is a claim, not an identity.
   */
  const apply = async (productId: string, delta: ClusterDelta): Promise<void> => {
    const sample = latest(delta.events);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const folded = await contended(
        modify(
          productId,
          delta.fingerprint,
          (doc) => fold(doc, delta, productId),
          (next, current) =>
            current.status === 'resolved'
              ? bus.stage(
                  'telemetry.cluster_regressed',
                  { fingerprint: next.id, appVersion: sample.appVersion },
                  { productId, actorId: null },
                )
              : undefined,
        ),
        RETRY_BATCH,
      );
      if (folded) return;
      const next = fold(undefined, delta, productId);
      const staged = bus.stage(
        'telemetry.cluster_created',
        { fingerprint: next.id, level: next.level, platform: sample.platform, message: next.title },
        { productId, actorId: null },
      );
      try {
        await repo.clusters.create(next, staged);
        return;
      } catch (error) {
        if (!isStoreError(error, 'conflict')) throw error;
      }
    }
    throw new AppError('UNAVAILABLE', RETRY_BATCH);
  };

  return {
    apply,
    async list(productId: string, input: TClusterListInput) {
      const where = input.status ? { status: { eq: input.status } } : {};
      const field = input.sort === 'count' ? 'count' : 'lastSeenAt';
      const page = await repo.clusters.query(
        productId,
        where,
        { field, direction: 'desc' },
        input.limit ?? 50,
        input.cursor,
      );
      return { items: page.items.map(toCluster), nextCursor: page.continuation };
    },
    async get(productId: string, id: string) {
      const doc = await repo.clusters.get(productId, id);
      if (!doc) throw new AppError('NOT_FOUND', 'Error cluster not found');
      const recent = await repo.events.query(
        productId,
        { fingerprint: { eq: id } },
        { field: 'at', direction: 'desc' },
        20,
      );
      return { ...toCluster(doc), recentEvents: recent.items.map((e) => withoutSystemFields(e)) };
    },
    async setStatus(productId: string, id: string, status: TClusterStatus, actorId: string) {
      const saved = await contended(
        modify(productId, id, (doc) => ({
          ...doc,
          status,
          regression: status === 'open' ? doc.regression : false,
          statusChangedAt: isoNow(clock),
          statusChangedBy: actorId,
        })),
        TRY_AGAIN,
      );
      if (!saved) throw new AppError('NOT_FOUND', 'Error cluster not found');
      return toCluster(saved.doc);
    },
    /**
     * Removes one user from every cluster: their hash leaves the affected-user sketch and a sample of theirs is
     * replaced by the newest remaining event of the cluster (or cleared). Run after their events are deleted.
     */
    async scrubUser(productId: string, userId: string): Promise<number> {
      const hash = userHash(`u:${userId}`);
      const ids = new Set<string>();
      for (const where of [{ sampleUserId: { eq: userId } }, { userSketch: { contains: hash } }]) {
        let cursor: string | undefined;
        do {
          const page = await repo.clusters.query(productId, where, { field: 'lastSeenAt' }, 100, cursor);
          for (const doc of page.items) ids.add(doc.id);
          cursor = page.continuation ?? undefined;
        } while (cursor);
      }
      for (const id of ids) {
        const replacement = await repo.events.query(
          productId,
          { fingerprint: { eq: id } },
          { field: 'at', direction: 'desc' },
          1,
        );
        const sample = replacement.items[0];
        await contended(
          modify(productId, id, (doc) => {
            const sketch = removeFromSketch(doc.userSketch, hash);
            const scrubSample = doc.sampleUserId === userId;
            return {
              ...doc,
              userSketch: sketch,
              affectedUsers: estimateUsers(sketch),
              ...(scrubSample
                ? {
                    sampleMessage: sample?.message ?? null,
                    sampleStack: sample?.stack ?? null,
                    sampleEventId: sample?.id ?? null,
                    sampleUserId: sample?.userId ?? null,
                  }
                : {}),
            };
          }),
          TRY_AGAIN,
        );
      }
      return ids.size;
    },
  };
};

export type ClustersService = ReturnType<typeof createClustersService>;
