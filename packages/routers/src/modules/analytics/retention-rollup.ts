import type { Clock } from '@bytelyst/db/document-store';
import { isoNow } from '../../lib/time';
import { type DaySegments, keysOn } from './active-rollup';
import { dayString, periodOf, weekStart } from './days';
import type { AnalyticsRepository, RollupDoc } from './repository';
import { ALL } from './segments';

/**
 * Retention cohorts from day digests. A cohort is the users whose start falls on a day (or in an ISO week):
 * `signup` (the sign-up), `first_time` (the first active day on record) or `recurring` (every active day: a user
 * is in the cohort of each day they were active). Day N counts members active on the cohort day + N exactly
 * (`on`) or on that day or any later one up to `asOf` (`onOrAfter`); a day (week) not yet over is null.
 */

export const RETENTION_METRIC = 'retention';
export const DAY_OFFSETS = 31;
export const WEEK_OFFSETS = 13;
export type CohortKind = 'signup' | 'first_time' | 'recurring';

export type RetentionDoc = {
  kind: CohortKind;
  unit: 'day' | 'week';
  cohort: string;
  asOf: string;
  segments: Record<string, { size: number; on: (number | null)[]; onOrAfter: (number | null)[] }>;
};

export const retentionKey = (kind: CohortKind, unit: 'day' | 'week', cohort: string) =>
  `${kind}:${unit}:${cohort}`;

export type RetentionInput = {
  /** Segments of every digest day from the first cohort day to `asOf`. */
  days: ReadonlyMap<number, DaySegments>;
  userCount: number;
  /** Sign-up day per user index (users without one are never in a sign-up cohort). */
  signupDay: Int32Array;
  /** First active day on record per user index; -1 when never active. */
  firstActive: Int32Array;
  /** The segments of a user on a start day they were not active on (a sign-up day): platform unknown then. */
  segmentsOn(user: number, day: number): readonly string[];
  from: number;
  to: number;
  asOf: number;
};

/** A cohort's members, each with the day they joined it and their segments on that day. */
type Members = { users: number[]; startDay: number[]; keys: (readonly string[])[] };

const emptyRow = (offsets: number) => ({
  size: 0,
  on: new Array<number | null>(offsets).fill(null),
  onOrAfter: new Array<number | null>(offsets).fill(null),
});

export const computeRetention = (input: RetentionInput) => {
  const { days, userCount, from, to, asOf } = input;
  const base = Math.min(from, weekStart(from));
  // Through `to` (today's partial day included) for the cohorts' members; "active later" counts up to asOf only.
  const last = Math.max(asOf, to);
  // One bit per user and day (a row of 32-bit words per user): was the user active. Plus the last active day up
  // to asOf.
  const words = Math.max(1, Math.ceil((last - base + 1) / 32));
  const activeBits = new Uint32Array(userCount * words);
  const lastActive = new Int32Array(userCount).fill(-1);
  for (let n = base; n <= last; n++) {
    const users = days.get(n)?.users;
    if (!users) continue;
    const word = (n - base) >>> 5;
    const bit = 1 << ((n - base) & 31);
    for (const u of users) {
      activeBits[u * words + word] = (activeBits[u * words + word] as number) | bit;
      if (n <= asOf) lastActive[u] = n;
    }
  }
  const isActive = (user: number, n: number) => {
    if (n < base || n > last) return false;
    const d = n - base;
    return ((activeBits[user * words + (d >>> 5)] as number) & (1 << (d & 31))) !== 0;
  };
  const activeIn = (user: number, first: number, lastDay: number) => {
    for (let n = first; n <= lastDay; n++) if (isActive(user, n)) return true;
    return false;
  };
  const startsBy = (source: Int32Array) => {
    const out = new Map<number, number[]>();
    for (let u = 0; u < userCount; u++) {
      const n = source[u] as number;
      if (n < base || n > to) continue;
      const list = out.get(n);
      if (list) list.push(u);
      else out.set(n, [u]);
    }
    return out;
  };
  const signups = startsBy(input.signupDay);
  const firsts = startsBy(input.firstActive);
  const seen = new Int32Array(userCount);
  let stamp = 0;

  const membersOf = (kind: CohortKind, first: number, lastDay: number): Members => {
    const members: Members = { users: [], startDay: [], keys: [] };
    if (kind === 'recurring') {
      // Every user active in the span, joining on their first active day in it.
      stamp++;
      for (let n = first; n <= lastDay; n++) {
        const day = days.get(n);
        if (!day) continue;
        for (const [i, u] of day.users.entries()) {
          if (seen[u] === stamp) continue;
          seen[u] = stamp;
          members.users.push(u);
          members.startDay.push(n);
          members.keys.push(day.keys[i] as readonly string[]);
        }
      }
      return members;
    }
    const starts = kind === 'signup' ? signups : firsts;
    for (let n = first; n <= lastDay; n++) {
      for (const u of starts.get(n) ?? []) {
        members.users.push(u);
        members.startDay.push(n);
        members.keys.push(keysOn(days.get(n), u) ?? input.segmentsOn(u, n));
      }
    }
    return members;
  };

  /**
   * Per segment: members, and per offset how many were active then (`on`) or then or later (`onOrAfter`). A
   * member adds only at the offsets they were active on (at most 31, so one bit each), and "then or later" holds
   * for a prefix of the offsets (up to their last active day), so it is one difference-array step per member and
   * segment.
   */
  const cohort = (
    members: Members,
    offsets: number,
    span: (n: number) => { first: number; last: number },
  ): RetentionDoc['segments'] => {
    const over = Array.from({ length: offsets }, (_, n) => span(n)).filter((s) => s.last <= asOf);
    const rows = new Map<string, { size: number; on: Int32Array; afterDiff: Int32Array }>();
    const rowOf = (segment: string) => {
      let row = rows.get(segment);
      if (!row) {
        row = { size: 0, on: new Int32Array(over.length), afterDiff: new Int32Array(over.length + 1) };
        rows.set(segment, row);
      }
      return row;
    };
    rowOf(ALL);
    const firsts = Int32Array.from(over, (s) => s.first);
    const lasts = Int32Array.from(over, (s) => s.last);
    for (let i = 0; i < members.users.length; i++) {
      const user = members.users[i] as number;
      let hits = 0;
      let afterUpTo = 0;
      const lastDay = lastActive[user] as number;
      for (let n = 0; n < firsts.length; n++) {
        const first = firsts[n] as number;
        if (activeIn(user, first, lasts[n] as number)) hits |= 1 << n;
        if (lastDay >= first) afterUpTo = n + 1;
      }
      for (const segment of members.keys[i] as readonly string[]) {
        const row = rowOf(segment);
        row.size++;
        for (let rest = hits; rest !== 0; rest &= rest - 1) {
          const n = 31 - Math.clz32(rest & -rest);
          row.on[n] = (row.on[n] as number) + 1;
        }
        if (afterUpTo > 0) {
          row.afterDiff[0] = (row.afterDiff[0] as number) + 1;
          row.afterDiff[afterUpTo] = (row.afterDiff[afterUpTo] as number) - 1;
        }
      }
    }
    const out: RetentionDoc['segments'] = {};
    // `all` first, then by key: every document lists its segments in one order, whatever order members came in.
    const keys = [...rows.keys()].sort((a, b) => (a === ALL ? -1 : b === ALL ? 1 : a < b ? -1 : 1));
    for (const segment of keys) {
      const row = rows.get(segment) as { size: number; on: Int32Array; afterDiff: Int32Array };
      const result = emptyRow(offsets);
      result.size = row.size;
      let running = 0;
      for (let n = 0; n < over.length; n++) {
        running += row.afterDiff[n] as number;
        result.on[n] = row.on[n] as number;
        result.onOrAfter[n] = running;
      }
      out[segment] = result;
    }
    return out;
  };

  const docs: RetentionDoc[] = [];
  const asOfDay = dayString(asOf);
  for (const kind of ['signup', 'first_time', 'recurring'] as const) {
    for (let c = from; c <= to; c++) {
      const segments = cohort(membersOf(kind, c, c), DAY_OFFSETS, (n) => ({ first: c + n, last: c + n }));
      docs.push({ kind, unit: 'day', cohort: dayString(c), asOf: asOfDay, segments });
    }
    for (let w = weekStart(from); w <= to; w += 7) {
      const segments = cohort(membersOf(kind, w, w + 6), WEEK_OFFSETS, (n) => ({
        first: w + 7 * n,
        last: w + 7 * n + 6,
      }));
      docs.push({ kind, unit: 'week', cohort: dayString(w), asOf: asOfDay, segments });
    }
  }
  return docs;
};

export const writeRetention = async (
  repo: AnalyticsRepository,
  clock: Clock,
  productId: string,
  docs: readonly RetentionDoc[],
): Promise<void> => {
  const rolledUpAt = isoNow(clock);
  await repo.rollups.write(
    docs.map((doc) => {
      const key = retentionKey(doc.kind, doc.unit, doc.cohort);
      return {
        id: key,
        productId,
        metric: RETENTION_METRIC,
        period: periodOf(Date.parse(`${doc.cohort}T00:00:00Z`) / 86_400_000),
        key,
        rolledUpAt,
        ...doc,
      } satisfies RollupDoc<RetentionDoc>;
    }),
  );
};
