import type { Clock } from '@bytelyst/db/document-store';
import { isoNow } from '../../lib/time';
import { bucketsOf, dayString, periodOf } from './days';
import type { DigestDay } from './digest';
import type { AnalyticsRepository, RollupDoc } from './repository';
import type { TFeature, TGranularity } from './schema';
import { segmentKeys } from './segments';

/**
 * DAU, WAU and MAU (rolling 7 and 30 days), the calendar week and month, and feature adoption, all from day
 * digests. Distinct counts are exact: a window keeps one counter per user (how many of the window's days the user
 * was active on) and a user adds to the window's count only when the counter leaves zero.
 */

export const ACTIVE_METRIC = 'active';
export const CALENDAR_METRIC = 'active-calendar';
export const ADOPTION_METRIC = 'adoption';

export type ActiveDoc = { day: string; segments: Record<string, { dau: number; wau: number; mau: number }> };
export type CalendarDoc = {
  granularity: 'week' | 'month';
  start: string;
  end: string;
  /** Days of the bucket that were rolled up (the current bucket is partial). */
  days: number;
  segments: Record<string, { active: number; dauSum: number }>;
};
export type AdoptionDoc = {
  granularity: TGranularity;
  start: string;
  end: string;
  featureIds: string[];
  segments: Record<string, { active: number; features: number[] }>;
};

/**
 * A digest day's active users (ascending) with the segment keys of each, the same users per segment, and every
 * user's feature bits in the current feature order.
 */
export type DaySegments = {
  users: Int32Array;
  keys: (readonly string[])[];
  bySegment: Map<string, number[]>;
  features: Map<number, number>;
};

export const segmentDay = (
  digest: DigestDay,
  planOf: (user: number, day: number) => string,
  features: readonly TFeature[],
): DaySegments => {
  const bySegment = new Map<string, number[]>();
  const featureMap = new Map<number, number>();
  const users: number[] = [];
  const keys: (readonly string[])[] = [];
  // Bits of the digest's feature order, moved to the current order (definitions may have changed since).
  const remap = digest.featureIds.map((id) => features.findIndex((f) => f.id === id));
  for (let i = 0; i < digest.users.length; i++) {
    const user = digest.users[i] as number;
    const stored = digest.features[i] as number;
    if (stored !== 0) {
      let bits = 0;
      for (const [from, to] of remap.entries()) if (to >= 0 && (stored & (1 << from)) !== 0) bits |= 1 << to;
      if (bits !== 0) featureMap.set(user, bits);
    }
    if (digest.active[i] !== 1) continue;
    const userKeys = segmentKeys(digest.platforms[i] as number, planOf(user, digest.day));
    users.push(user);
    keys.push(userKeys);
    for (const key of userKeys) {
      const list = bySegment.get(key);
      if (list) list.push(user);
      else bySegment.set(key, [user]);
    }
  }
  return { users: Int32Array.from(users), keys, bySegment, features: featureMap };
};

/** The segment keys of a user on a day of `day` (undefined when not active then); users are ascending. */
export const keysOn = (day: DaySegments | undefined, user: number): readonly string[] | undefined => {
  if (!day) return undefined;
  let lo = 0;
  let hi = day.users.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = day.users[mid] as number;
    if (at === user) return day.keys[mid];
    if (at < user) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
};

/** Rolling DAU/WAU/MAU of the days [from, to]; `days` must hold the segments of [from - 29, to]. */
export const rollingActive = (
  days: ReadonlyMap<number, DaySegments>,
  userCount: number,
  from: number,
  to: number,
): Map<number, ActiveDoc['segments']> => {
  const out = new Map<number, ActiveDoc['segments']>();
  for (let n = from; n <= to; n++) out.set(n, {});
  const segments = new Set<string>(['all']);
  for (const day of days.values()) for (const key of day.bySegment.keys()) segments.add(key);
  for (const segment of segments) {
    const usersOn = (n: number) => days.get(n)?.bySegment.get(segment) ?? [];
    for (const [field, width] of [
      ['wau', 7],
      ['mau', 30],
    ] as const) {
      const counts = new Int32Array(userCount);
      let distinct = 0;
      for (let n = from - width + 1; n <= to; n++) {
        for (const u of usersOn(n)) {
          const before = counts[u] as number;
          counts[u] = before + 1;
          if (before === 0) distinct++;
        }
        if (n - width >= from - width + 1) {
          for (const u of usersOn(n - width)) {
            const after = (counts[u] as number) - 1;
            counts[u] = after;
            if (after === 0) distinct--;
          }
        }
        if (n < from) continue;
        const row = out.get(n) as ActiveDoc['segments'];
        const cell = row[segment] ?? { dau: usersOn(n).length, wau: 0, mau: 0 };
        cell[field] = distinct;
        row[segment] = cell;
      }
    }
  }
  return out;
};

/**
 * Distinct active users (and adopters of each feature) per segment over the days [start, end]. `scratch` is
 * reused from bucket to bucket: a mark per user and segment (a user counts when their mark is not yet this
 * bucket's) and the feature bits per user, cleared after each bucket.
 */
const bucketCounts = (
  days: ReadonlyMap<number, DaySegments>,
  scratch: { userCount: number; marks: Map<string, Int32Array>; stamp: number; featureBits: Uint32Array },
  start: number,
  end: number,
  featureCount: number,
) => {
  const stamp = ++scratch.stamp;
  const { featureBits } = scratch;
  if (featureCount > 0) {
    for (let n = start; n <= end; n++) {
      for (const [user, bits] of days.get(n)?.features ?? [])
        featureBits[user] = (featureBits[user] as number) | bits;
    }
  }
  const members = new Map<string, number[]>();
  const dauSums = new Map<string, number>();
  let rolled = 0;
  for (let n = start; n <= end; n++) {
    const day = days.get(n);
    if (!day) continue;
    rolled++;
    for (const [segment, users] of day.bySegment) {
      let marks = scratch.marks.get(segment);
      if (!marks) {
        marks = new Int32Array(scratch.userCount);
        scratch.marks.set(segment, marks);
      }
      let list = members.get(segment);
      if (!list) {
        list = [];
        members.set(segment, list);
      }
      for (const u of users) {
        if (marks[u] === stamp) continue;
        marks[u] = stamp;
        list.push(u);
      }
      dauSums.set(segment, (dauSums.get(segment) ?? 0) + users.length);
    }
  }
  const segments: Record<string, { active: number; dauSum: number; features: number[] }> = {
    all: { active: 0, dauSum: 0, features: new Array(featureCount).fill(0) },
  };
  for (const [segment, list] of members) {
    const features = new Array<number>(featureCount).fill(0);
    if (featureCount > 0) {
      for (const u of list) {
        const bits = featureBits[u] as number;
        if (bits === 0) continue;
        for (let f = 0; f < featureCount; f++)
          if ((bits & (1 << f)) !== 0) features[f] = (features[f] as number) + 1;
      }
    }
    segments[segment] = { active: list.length, dauSum: dauSums.get(segment) ?? 0, features };
  }
  if (featureCount > 0) {
    for (let n = start; n <= end; n++)
      for (const user of days.get(n)?.features.keys() ?? []) featureBits[user] = 0;
  }
  return { rolled, segments };
};

/** Writes the rolling days [from, to], and the calendar and adoption buckets that touch them (up to `today`). */
export const writeActive = async (input: {
  repo: AnalyticsRepository;
  clock: Clock;
  productId: string;
  days: ReadonlyMap<number, DaySegments>;
  userCount: number;
  features: readonly TFeature[];
  from: number;
  to: number;
  today: number;
}): Promise<void> => {
  const { repo, productId, days, userCount, features, from, to, today } = input;
  const rolledUpAt = isoNow(input.clock);
  const base = (metric: string, start: number, key: string) => ({
    id: key,
    productId,
    metric,
    period: periodOf(start),
    key,
    rolledUpAt,
  });
  const docs: RollupDoc[] = [];
  const scratch = {
    userCount,
    marks: new Map<string, Int32Array>(),
    stamp: 0,
    featureBits: new Uint32Array(userCount),
  };
  for (const [n, segments] of rollingActive(days, userCount, from, to)) {
    docs.push({
      ...base(ACTIVE_METRIC, n, dayString(n)),
      day: dayString(n),
      segments,
    } satisfies RollupDoc<ActiveDoc>);
  }
  for (const granularity of ['day', 'week', 'month'] as const) {
    for (const bucket of bucketsOf(from, to, granularity)) {
      const end = Math.min(bucket.end, today);
      const counts = bucketCounts(days, scratch, bucket.start, end, features.length);
      const key = `${granularity}:${dayString(bucket.start)}`;
      const range = { start: dayString(bucket.start), end: dayString(bucket.end) };
      if (granularity !== 'day') {
        const segments = Object.fromEntries(
          Object.entries(counts.segments).map(([k, v]) => [k, { active: v.active, dauSum: v.dauSum }]),
        );
        docs.push({
          ...base(CALENDAR_METRIC, bucket.start, key),
          granularity,
          ...range,
          days: counts.rolled,
          segments,
        } satisfies RollupDoc<CalendarDoc>);
      }
      const segments = Object.fromEntries(
        Object.entries(counts.segments).map(([k, v]) => [k, { active: v.active, features: v.features }]),
      );
      docs.push({
        ...base(ADOPTION_METRIC, bucket.start, key),
        granularity,
        ...range,
        featureIds: features.map((f) => f.id),
        segments,
      } satisfies RollupDoc<AdoptionDoc>);
    }
  }
  await repo.rollups.write(docs);
};
