import type { Clock } from '@bytelyst/db/document-store';
import { isoNow } from '../../lib/time';
import { dayNumber, dayString, periodOf, periodsOf } from './days';
import { patternMatcher, settingMatcher } from './match';
import type { AnalyticsRepository, RollupDoc } from './repository';
import type { TActivitySetting, TFeature } from './schema';

/**
 * The day digest: for one UTC day, every user who was active (by the product's active-event setting) or used a
 * feature, with the platforms and features seen. It is the intermediate rollup every windowed metric is computed
 * from (DAU/WAU/MAU, calendar buckets, adoption, retention), so those never read raw events. Stored as metric
 * `activity` in chunks of CHUNK users; a day's chunks are written in one batch.
 */

export const ACTIVITY_METRIC = 'activity';
export const PLATFORMS = ['ios', 'android', 'macos', 'windows', 'linux', 'web', 'other'] as const;
const PLATFORM_BIT = new Map<string, number>(PLATFORMS.map((p, i) => [p, 1 << i]));
const CHUNK = 5000;

export const platformBit = (platform: string): number => PLATFORM_BIT.get(platform) ?? 1 << 6;
export const platformsOfBits = (bits: number): string[] =>
  PLATFORMS.filter((_, i) => (bits & (1 << i)) !== 0);

export type DigestChunk = {
  day: string;
  chunk: number;
  chunks: number;
  featureIds: string[];
  users: string[];
  active: number[];
  platforms: number[];
  features: number[];
};

export type DigestRules = {
  isActiveEvent(name: string): boolean;
  isActiveUsage(metric: string): boolean;
  featureBits(name: string): number;
  featureIds: string[];
};

export const digestRules = (activity: TActivitySetting, features: readonly TFeature[]): DigestRules => {
  const matchers = features.map((feature) => patternMatcher(feature.events));
  const cache = new Map<string, number>();
  return {
    isActiveEvent: settingMatcher(activity.telemetry),
    isActiveUsage: settingMatcher(activity.usage),
    featureIds: features.map((f) => f.id),
    featureBits(name) {
      let bits = cache.get(name);
      if (bits === undefined) {
        bits = 0;
        for (const [i, matches] of matchers.entries()) if (matches(name)) bits |= 1 << i;
        cache.set(name, bits);
      }
      return bits;
    },
  };
};

/**
 * Builds one day's users from its events and usage records, nothing of the raw records kept: flags per user index
 * in typed arrays (grown as the index grows) and the list of users touched, reset by `take` for the next day.
 */
export const createDayDigest = (rules: DigestRules, index: UserIndex) => {
  const TOUCHED = 1;
  const ACTIVE = 2;
  let flags = new Uint8Array(1024);
  let platforms = new Uint8Array(1024);
  let features = new Uint32Array(1024);
  let touched: number[] = [];
  /** Per event name: whether it counts as activity, and its feature bits. */
  const names = new Map<string, { active: boolean; features: number }>();
  const touch = (user: number) => {
    if (user >= flags.length) {
      const size = Math.max(user + 1, flags.length * 2);
      const grow = <A extends Uint8Array | Uint32Array>(from: A, to: A) => {
        to.set(from);
        return to;
      };
      flags = grow(flags, new Uint8Array(size));
      platforms = grow(platforms, new Uint8Array(size));
      features = grow(features, new Uint32Array(size));
    }
    if (flags[user] === 0) {
      flags[user] = TOUCHED;
      touched.push(user);
    }
  };
  return {
    addEvent(user: number, name: string, platform: string) {
      let rule = names.get(name);
      if (!rule) {
        rule = { active: rules.isActiveEvent(name), features: rules.featureBits(name) };
        names.set(name, rule);
      }
      if (!rule.active && rule.features === 0) return;
      touch(user);
      if (rule.active) {
        flags[user] = TOUCHED | ACTIVE;
        platforms[user] = (platforms[user] as number) | platformBit(platform);
      }
      features[user] = (features[user] as number) | rule.features;
    },
    addUsage(user: number, metric: string) {
      if (!rules.isActiveUsage(metric)) return;
      touch(user);
      flags[user] = TOUCHED | ACTIVE;
    },
    /** The day's digest (users by ascending index) and its stored chunks (users by id); starts the next day. */
    take(n: number): { digest: DigestDay; chunks: DigestChunk[] } {
      const users = Int32Array.from(touched).sort();
      const digest: DigestDay = {
        day: n,
        users,
        active: new Uint8Array(users.length),
        platforms: new Uint8Array(users.length),
        features: new Uint32Array(users.length),
        featureIds: rules.featureIds,
      };
      for (const [i, u] of users.entries()) {
        digest.active[i] = (flags[u] as number) & ACTIVE ? 1 : 0;
        digest.platforms[i] = platforms[u] as number;
        digest.features[i] = features[u] as number;
        flags[u] = 0;
        platforms[u] = 0;
        features[u] = 0;
      }
      touched = [];
      const byId = Array.from(digest.users.keys()).sort((a, b) => {
        const x = index.name(digest.users[a] as number);
        const y = index.name(digest.users[b] as number);
        return x < y ? -1 : x > y ? 1 : 0;
      });
      const day = dayString(n);
      const count = Math.max(1, Math.ceil(byId.length / CHUNK));
      const chunks = Array.from({ length: count }, (_, chunk) => {
        const slice = byId.slice(chunk * CHUNK, (chunk + 1) * CHUNK);
        return {
          day,
          chunk,
          chunks: count,
          featureIds: rules.featureIds,
          users: slice.map((i) => index.name(digest.users[i] as number)),
          active: slice.map((i) => digest.active[i] as number),
          platforms: slice.map((i) => digest.platforms[i] as number),
          features: slice.map((i) => digest.features[i] as number),
        };
      });
      return { digest, chunks };
    },
  };
};

const chunkKey = (day: string, chunk: number) => `${day}:${String(chunk).padStart(4, '0')}`;

/** Writes a day's chunks and drops chunks a previous, larger run of the day left, in one batch. */
export const writeDigest = async (
  repo: AnalyticsRepository,
  clock: Clock,
  productId: string,
  chunks: readonly DigestChunk[],
): Promise<void> => {
  const first = chunks[0];
  if (!first) return;
  const period = periodOf(dayNumber(first.day));
  // Chunks past this run's last: usually none, so the range is empty and nothing large is read.
  const stale = await repo.rollups.range<DigestChunk>(
    productId,
    ACTIVITY_METRIC,
    period,
    chunkKey(first.day, chunks.length),
    chunkKey(first.day, 9999),
  );
  const rolledUpAt = isoNow(clock);
  const ops = chunks.map((chunk) => ({
    op: 'upsert' as const,
    ttl: -1,
    doc: {
      id: `${chunk.day}:${chunk.chunk}`,
      productId,
      metric: ACTIVITY_METRIC,
      period,
      key: chunkKey(chunk.day, chunk.chunk),
      rolledUpAt,
      ...chunk,
    } satisfies RollupDoc<DigestChunk>,
  }));
  const deletes = stale.map((doc) => ({ op: 'delete' as const, id: doc.id }));
  await repo.rollups.batch(productId, ACTIVITY_METRIC, period, [...ops, ...deletes]);
};

/** Users as small integers, so day sets are typed arrays and windows are counted with one array. */
export const createUserIndex = () => {
  const ids = new Map<string, number>();
  const names: string[] = [];
  return {
    of(userId: string): number {
      let n = ids.get(userId);
      if (n === undefined) {
        n = names.length;
        ids.set(userId, n);
        names.push(userId);
      }
      return n;
    },
    find: (userId: string) => ids.get(userId),
    name: (n: number) => names[n] ?? '',
    get size() {
      return names.length;
    },
  };
};
export type UserIndex = ReturnType<typeof createUserIndex>;

/** One day's digest in memory: user indices ascending, with parallel flags. */
export type DigestDay = {
  day: number;
  users: Int32Array;
  active: Uint8Array;
  platforms: Uint8Array;
  features: Uint32Array;
  featureIds: string[];
};

/** The stored digests of [from, to] (day numbers); a day never rolled up is absent from the map. */
export const loadDigests = async (
  repo: AnalyticsRepository,
  productId: string,
  from: number,
  to: number,
  index: UserIndex,
): Promise<Map<number, DigestDay>> => {
  const out = new Map<number, DigestDay>();
  const byDay = new Map<number, RollupDoc<DigestChunk>[]>();
  for (const period of periodsOf(from, to)) {
    const docs = await repo.rollups.range<DigestChunk>(
      productId,
      ACTIVITY_METRIC,
      period,
      dayString(from),
      `${dayString(to)}:~`,
    );
    for (const doc of docs) {
      const n = dayNumber(doc.day);
      const list = byDay.get(n);
      if (list) list.push(doc);
      else byDay.set(n, [doc]);
    }
  }
  for (const [day, docs] of byDay) {
    const size = docs.reduce((sum, doc) => sum + doc.users.length, 0);
    const users = new Int32Array(size);
    const flags = new Uint32Array(size * 3);
    let k = 0;
    for (const doc of docs) {
      for (const [i, userId] of doc.users.entries()) {
        users[k] = index.of(userId);
        flags[3 * k] = doc.active[i] ?? 0;
        flags[3 * k + 1] = doc.platforms[i] ?? 0;
        flags[3 * k + 2] = doc.features[i] ?? 0;
        k++;
      }
    }
    const order = new Uint32Array(size).map((_, i) => i);
    order.sort((a, b) => (users[a] as number) - (users[b] as number));
    const digest: DigestDay = {
      day,
      users: new Int32Array(size),
      active: new Uint8Array(size),
      platforms: new Uint8Array(size),
      features: new Uint32Array(size),
      featureIds: docs[0]?.featureIds ?? [],
    };
    for (const [i, from] of order.entries()) {
      digest.users[i] = users[from] as number;
      digest.active[i] = flags[3 * from] as number;
      digest.platforms[i] = flags[3 * from + 1] as number;
      digest.features[i] = flags[3 * from + 2] as number;
    }
    out.set(day, digest);
  }
  return out;
};
