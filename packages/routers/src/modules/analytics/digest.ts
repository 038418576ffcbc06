import type { Clock } from '@bytelyst/db/document-store';
import { isoNow } from '../../lib/time';
import { dayNumber, dayString, periodOf, periodsOf } from './days';
import { patternMatcher, settingMatcher } from './match';
import type { AnalyticsRepository, RollupDoc } from './repository';
import type { TActivitySetting, TFeature } from './schema';
import type { RawEvent, UsageRecord } from './sources';

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

type Entry = { active: boolean; platforms: number; features: number };
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

/** Builds one day's users from its events and usage records; nothing of the raw records is kept. */
export const createDayDigest = (rules: DigestRules) => {
  const users = new Map<string, Entry>();
  const entry = (userId: string): Entry => {
    let found = users.get(userId);
    if (!found) {
      found = { active: false, platforms: 0, features: 0 };
      users.set(userId, found);
    }
    return found;
  };
  return {
    addEvent(event: RawEvent) {
      const active = rules.isActiveEvent(event.name);
      const features = rules.featureBits(event.name);
      if (!active && features === 0) return;
      const e = entry(event.userId);
      if (active) {
        e.active = true;
        e.platforms |= platformBit(event.platform);
      }
      e.features |= features;
    },
    addUsage(record: UsageRecord) {
      if (rules.isActiveUsage(record.metric)) entry(record.userId).active = true;
    },
    chunks(day: string): DigestChunk[] {
      const ids = [...users.keys()].sort();
      const count = Math.max(1, Math.ceil(ids.length / CHUNK));
      return Array.from({ length: count }, (_, chunk) => {
        const slice = ids.slice(chunk * CHUNK, (chunk + 1) * CHUNK);
        const entries = slice.map((id) => users.get(id) as Entry);
        return {
          day,
          chunk,
          chunks: count,
          featureIds: rules.featureIds,
          users: slice,
          active: entries.map((e) => (e.active ? 1 : 0)),
          platforms: entries.map((e) => e.platforms),
          features: entries.map((e) => e.features),
        };
      });
    },
  };
};

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
  const previous = await repo.rollups.read<DigestChunk>(productId, ACTIVITY_METRIC, period, `${first.day}:0`);
  const rolledUpAt = isoNow(clock);
  const ops = chunks.map((chunk) => ({
    op: 'upsert' as const,
    ttl: -1,
    doc: {
      id: `${chunk.day}:${chunk.chunk}`,
      productId,
      metric: ACTIVITY_METRIC,
      period,
      key: `${chunk.day}:${String(chunk.chunk).padStart(4, '0')}`,
      rolledUpAt,
      ...chunk,
    } satisfies RollupDoc<DigestChunk>,
  }));
  const stale = Array.from({ length: Math.max(0, (previous?.chunks ?? 0) - chunks.length) }, (_, i) => ({
    op: 'delete' as const,
    id: `${first.day}:${chunks.length + i}`,
  }));
  await repo.rollups.batch(productId, ACTIVITY_METRIC, period, [...ops, ...stale]);
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
    const rows: [number, number, number, number][] = [];
    for (const doc of docs) {
      for (const [i, userId] of doc.users.entries()) {
        rows.push([index.of(userId), doc.active[i] ?? 0, doc.platforms[i] ?? 0, doc.features[i] ?? 0]);
      }
    }
    rows.sort((a, b) => a[0] - b[0]);
    const digest: DigestDay = {
      day,
      users: new Int32Array(size),
      active: new Uint8Array(size),
      platforms: new Uint8Array(size),
      features: new Uint32Array(size),
      featureIds: docs[0]?.featureIds ?? [],
    };
    for (const [i, row] of rows.entries()) {
      digest.users[i] = row[0];
      digest.active[i] = row[1];
      digest.platforms[i] = row[2];
      digest.features[i] = row[3];
    }
    out.set(day, digest);
  }
  return out;
};
