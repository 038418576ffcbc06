import type { Clock } from '@bytelyst/db/document-store';
import { isoNow } from '../../lib/time';
import { fnv1a32 } from '../flags/fnv1a';
import { dayNumber, dayString } from './days';
import type { AnalyticsRepository, RollupDoc } from './repository';

/**
 * Each user's first active day on record, for first-time retention cohorts: kept as rollups (metric
 * `first-active`, 64 shards by a hash of the user id), lowered whenever a digest shows an earlier day. Only days
 * that were rolled up count, so a product's history starts at its first rollup or backfill.
 */

export const FIRST_ACTIVE_METRIC = 'first-active';
const SHARDS = 64;
const PERIOD = 'all';

type ShardDoc = { shard: number; users: Record<string, string> };

const shardOf = (userId: string) => fnv1a32(userId) % SHARDS;
const idOf = (shard: number) => `shard:${String(shard).padStart(2, '0')}`;

/** Every user's first active day (day number). */
export const loadFirstActive = async (
  repo: AnalyticsRepository,
  productId: string,
): Promise<Map<string, number>> => {
  const docs = await repo.rollups.range<ShardDoc>(productId, FIRST_ACTIVE_METRIC, PERIOD, '', '~');
  const out = new Map<string, number>();
  for (const doc of docs)
    for (const [userId, day] of Object.entries(doc.users)) out.set(userId, dayNumber(day));
  return out;
};

/** Lowers the recorded first day of each user to the candidate's when earlier; writes only changed shards. */
export const updateFirstActive = async (
  repo: AnalyticsRepository,
  clock: Clock,
  productId: string,
  candidates: ReadonlyMap<string, number>,
): Promise<void> => {
  if (candidates.size === 0) return;
  const docs = await repo.rollups.range<ShardDoc>(productId, FIRST_ACTIVE_METRIC, PERIOD, '', '~');
  const shards = new Map<number, Record<string, string>>(docs.map((doc) => [doc.shard, { ...doc.users }]));
  const changed = new Set<number>();
  for (const [userId, day] of candidates) {
    const shard = shardOf(userId);
    let users = shards.get(shard);
    if (!users) {
      users = {};
      shards.set(shard, users);
    }
    const current = users[userId];
    if (current === undefined || dayNumber(current) > day) {
      users[userId] = dayString(day);
      changed.add(shard);
    }
  }
  const rolledUpAt = isoNow(clock);
  await repo.rollups.write(
    [...changed].map((shard) => {
      const id = idOf(shard);
      return {
        id,
        productId,
        metric: FIRST_ACTIVE_METRIC,
        period: PERIOD,
        key: id,
        rolledUpAt,
        shard,
        users: shards.get(shard) ?? {},
      } satisfies RollupDoc<ShardDoc>;
    }),
  );
};
