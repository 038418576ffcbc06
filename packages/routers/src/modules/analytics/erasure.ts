import type { Clock, DocumentStore } from '@bytelyst/db/document-store';
import type { Subscriber } from '@bytelyst/events/bus';
import { isoNow } from '../../lib/time';
import { ANALYTICS_CONTAINERS } from './containers';
import { ACTIVITY_METRIC, type DigestChunk } from './digest';
import { FIRST_ACTIVE_METRIC } from './first-active';
import type { RollupDoc } from './repository';

/**
 * Rollups that name users are the day digests and the first-active index; an erased user leaves both. Aggregates
 * (counts, medians, MRR) name nobody and keep their figures.
 */
export const forgetUser = async (store: DocumentStore, clock: Clock, productId: string, userId: string) => {
  const rollups = store.container<RollupDoc>(ANALYTICS_CONTAINERS.rollups.name);
  let changed = 0;
  for (const metric of [ACTIVITY_METRIC, FIRST_ACTIVE_METRIC]) {
    const where =
      metric === ACTIVITY_METRIC
        ? { productId: { eq: productId }, metric: { eq: metric }, users: { contains: userId } }
        : { productId: { eq: productId }, metric: { eq: metric } };
    let continuation: string | null = null;
    do {
      const page = await rollups.query({ where, limit: 200, ...(continuation ? { continuation } : {}) });
      for (const doc of page.items) {
        const { _etag: _e, _ts: _t, ttl: _ttl, ...rest } = doc;
        if (metric === ACTIVITY_METRIC) {
          const digest = rest as unknown as RollupDoc<DigestChunk>;
          const at = digest.users.indexOf(userId);
          if (at < 0) continue;
          const drop = <T>(list: T[]) => list.filter((_, i) => i !== at);
          await rollups.upsert(
            {
              ...digest,
              users: drop(digest.users),
              active: drop(digest.active),
              platforms: drop(digest.platforms),
              features: drop(digest.features),
              rolledUpAt: isoNow(clock),
            },
            { ttl: -1 },
          );
        } else {
          const shard = rest as unknown as RollupDoc<{ users: Record<string, string> }>;
          if (!(userId in shard.users)) continue;
          const { [userId]: _gone, ...users } = shard.users;
          await rollups.upsert({ ...shard, users, rolledUpAt: isoNow(clock) }, { ttl: -1 });
        }
        changed++;
      }
      continuation = page.continuation;
    } while (continuation);
  }
  return changed;
};

/** A user whose telemetry is erased (on request or with their account) is taken out of the rollups too. */
export const analyticsUserErasure = (
  store: DocumentStore,
  clock: Clock,
): Subscriber<'telemetry.user_erased'> => ({
  name: 'analytics-user-erasure',
  events: ['telemetry.user_erased'],
  description:
    'Removes an erased user from the day digests and the first-active index of the analytics rollups.',
  handle: async (event) => {
    await forgetUser(store, clock, event.productId, event.data.userId);
  },
});
