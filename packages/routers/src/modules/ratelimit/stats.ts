/**
 * What this instance refused, in memory (the roadmap keeps rate-limit stats ephemeral): per product, 429s and
 * IP-rule 403s per minute for the last day (a ring of 1,440 minutes), and the keys refused most, each with
 * its count and last time. With several instances each answers for itself; the console shows the instance
 * that served it.
 */
import type { TOffender, TRateLimitKey } from './schema';

const MINUTE = 60_000;
const DAY_MINUTES = 1440;
/** Offenders kept per product; the one refused longest ago goes first. */
const MAX_OFFENDERS = 1000;
const TOP = 20;

export type LimitedEntry = {
  ruleId: string | null;
  ruleName: string;
  operation: string;
  keyKind: TRateLimitKey;
  key: string;
  ip: string;
  userId: string | null;
};

type Offender = LimitedEntry & { count: number; firstAt: number; lastAt: number };

type ProductStats = {
  minute: Float64Array;
  limited: Uint32Array;
  denied: Uint32Array;
  offenders: Map<string, Offender>;
};

const newProductStats = (): ProductStats => ({
  minute: new Float64Array(DAY_MINUTES).fill(-1),
  limited: new Uint32Array(DAY_MINUTES),
  denied: new Uint32Array(DAY_MINUTES),
  offenders: new Map(),
});

export type Bucket = { at: string; limited: number; denied: number };

export const createRateLimitStats = (clock: () => number) => {
  const products = new Map<string, ProductStats>();
  const since = clock();

  const statsOf = (productId: string): ProductStats => {
    let stats = products.get(productId);
    if (!stats) {
      stats = newProductStats();
      products.set(productId, stats);
    }
    return stats;
  };

  const slot = (stats: ProductStats, now: number): number => {
    const minute = Math.floor(now / MINUTE);
    const index = minute % DAY_MINUTES;
    if (stats.minute[index] !== minute) {
      stats.minute[index] = minute;
      stats.limited[index] = 0;
      stats.denied[index] = 0;
    }
    return index;
  };

  /**
   * `count` minutes up to now in `width`-minute buckets aligned to the clock (hours start on the hour), oldest
   * first; the last bucket is the current, partial one.
   */
  const buckets = (stats: ProductStats | undefined, now: number, count: number, width: number): Bucket[] => {
    const current = Math.floor(now / MINUTE);
    const start = current - (current % width) - (count / width - 1) * width;
    const out: Bucket[] = [];
    for (let at = start; at <= current; at += width) {
      out.push({ at: new Date(at * MINUTE).toISOString(), limited: 0, denied: 0 });
    }
    if (!stats) return out;
    for (let minute = Math.max(start, current - DAY_MINUTES + 1); minute <= current; minute += 1) {
      const index = minute % DAY_MINUTES;
      if (stats.minute[index] !== minute) continue;
      const bucket = out[Math.floor((minute - start) / width)];
      if (!bucket) continue;
      bucket.limited += stats.limited[index] ?? 0;
      bucket.denied += stats.denied[index] ?? 0;
    }
    return out;
  };

  const toOffender = (offender: Offender): TOffender => ({
    ruleId: offender.ruleId,
    ruleName: offender.ruleName,
    operation: offender.operation,
    keyKind: offender.keyKind,
    key: offender.key,
    ip: offender.ip,
    userId: offender.userId,
    count: offender.count,
    firstAt: new Date(offender.firstAt).toISOString(),
    lastAt: new Date(offender.lastAt).toISOString(),
  });

  return {
    since,
    /** A request answered 429: by a rule (`ruleId`), or by a module's own limit (null). */
    limited(productId: string, entry: LimitedEntry): void {
      const now = clock();
      const stats = statsOf(productId);
      const index = slot(stats, now);
      stats.limited[index] = (stats.limited[index] ?? 0) + 1;
      const id = `${entry.ruleId ?? entry.operation}|${entry.keyKind}:${entry.key}`;
      const known = stats.offenders.get(id);
      if (known) {
        stats.offenders.delete(id);
        known.count += 1;
        known.lastAt = now;
        known.ip = entry.ip;
        stats.offenders.set(id, known);
        return;
      }
      if (stats.offenders.size >= MAX_OFFENDERS) {
        const oldest = stats.offenders.keys().next().value;
        if (oldest !== undefined) stats.offenders.delete(oldest);
      }
      stats.offenders.set(id, { ...entry, count: 1, firstAt: now, lastAt: now });
    },
    /** A request refused by a deny IP rule. */
    denied(productId: string): void {
      const stats = statsOf(productId);
      const index = slot(stats, clock());
      stats.denied[index] = (stats.denied[index] ?? 0) + 1;
    },
    snapshot(productId: string) {
      const now = clock();
      const stats = products.get(productId);
      const perMinute = buckets(stats, now, 60, 1);
      const perHour = buckets(stats, now, DAY_MINUTES, 60);
      const sum = (list: Bucket[], field: 'limited' | 'denied') =>
        list.reduce((total, bucket) => total + bucket[field], 0);
      const dayAgo = now - DAY_MINUTES * MINUTE;
      const top = [...(stats?.offenders.values() ?? [])]
        .filter((offender) => offender.lastAt > dayAgo)
        .sort((a, b) => b.count - a.count || b.lastAt - a.lastAt)
        .slice(0, TOP)
        .map(toOffender);
      return {
        since: new Date(since).toISOString(),
        limitedLastHour: sum(perMinute, 'limited'),
        limitedLastDay: sum(buckets(stats, now, DAY_MINUTES, 1), 'limited'),
        deniedLastHour: sum(perMinute, 'denied'),
        deniedLastDay: sum(buckets(stats, now, DAY_MINUTES, 1), 'denied'),
        perMinute,
        perHour,
        top,
      };
    },
    /** Offenders refused in the last `withinMs`, most recent first. */
    recent(productId: string, withinMs: number): TOffender[] {
      const after = clock() - withinMs;
      return [...(products.get(productId)?.offenders.values() ?? [])]
        .filter((offender) => offender.lastAt > after)
        .reverse()
        .map(toOffender);
    },
  };
};

export type RateLimitStats = ReturnType<typeof createRateLimitStats>;
