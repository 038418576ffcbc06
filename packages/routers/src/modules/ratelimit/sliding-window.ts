/**
 * Sliding-window counters: the count of the current fixed window plus the previous window's count weighted by
 * how much of it the sliding window still covers (the "sliding window counter" of Cloudflare and
 * rate-limiter-flexible). Two numbers per key, no per-request log, and no burst of twice the limit at a window
 * boundary as a fixed window allows.
 *
 * `RateLimitStore` is the seam for a shared store: the in-memory one below keeps counters per API instance
 * (the roadmap's "ephemeral" counters), so with N instances behind a balancer that spreads a client evenly a
 * key can make up to N x limit requests per window before each instance refuses it. A store over Redis (an
 * INCR of the current window's key with a TTL of two windows, and a GET of the previous one) would give one
 * count across instances; its `hit` returns a promise, which the enforcer awaits.
 */

export type RateLimitResult = {
  allowed: boolean;
  limit: number;
  /** Requests still allowed now (after this one when allowed). */
  remaining: number;
  /** Ms until the current fixed window ends (RateLimit-Reset). */
  resetMs: number;
  /** Ms until a request would be allowed again; 0 when allowed. */
  retryAfterMs: number;
};

export type RateLimitStore = {
  /** Counts one request against `key` if it is within `limit` per `windowMs`; a refused one is not counted. */
  hit(key: string, limit: number, windowMs: number, now: number): RateLimitResult | Promise<RateLimitResult>;
  /** The state of `key` without counting a request. */
  peek(key: string, limit: number, windowMs: number, now: number): RateLimitResult | Promise<RateLimitResult>;
};

type Counter = { start: number; current: number; previous: number; windowMs: number };

/** Sliding estimate and the wait until one more request fits, for a counter rolled to `now`. */
const evaluate = (counter: Counter, limit: number, now: number): RateLimitResult => {
  const { windowMs: w, start, current, previous } = counter;
  const elapsed = now - start;
  const estimate = previous * ((w - elapsed) / w) + current;
  const resetMs = w - elapsed;
  const room = limit - estimate;
  if (room >= 1) {
    return { allowed: true, limit, remaining: Math.floor(room), resetMs, retryAfterMs: 0 };
  }
  return { allowed: false, limit, remaining: 0, resetMs, retryAfterMs: retryAfter(counter, limit, now) };
};

/**
 * The smallest wait t after which estimate + 1 <= limit: first while the current window lasts (the previous
 * window's weight falls), else in the next window, where the current count becomes the one that fades. It may
 * exceed the window: a burst late in one window still weighs on the next (up to two windows for limit 1).
 */
const retryAfter = (counter: Counter, limit: number, now: number): number => {
  const { windowMs: w, start, current, previous } = counter;
  const elapsed = now - start;
  const left = w - elapsed;
  const spare = limit - 1 - current;
  if (spare >= 0 && previous > 0) {
    // previous * (left - t) / w <= spare
    const t = left - (spare * w) / previous;
    if (t <= left) return Math.max(1, Math.ceil(t));
  }
  if (limit < 1) return left + w;
  // In the next window: current * (w - t') / w + 1 <= limit.
  const later = current > limit - 1 ? w - ((limit - 1) * w) / current : 0;
  return Math.max(1, Math.ceil(left + later));
};

export type MemoryStoreOptions = {
  /** Counters kept at most; the oldest go first beyond it (default 100,000, some 10 MB). */
  maxKeys?: number;
};

/** The in-memory RateLimitStore of one API instance. Synchronous, so the hot path awaits nothing. */
export const createMemoryRateLimitStore = (
  opts: MemoryStoreOptions = {},
): RateLimitStore & { readonly size: number; sweep(now: number): void } => {
  const maxKeys = opts.maxKeys ?? 100_000;
  const counters = new Map<string, Counter>();
  let lastSweep = 0;

  const roll = (counter: Counter, now: number) => {
    const start = now - (now % counter.windowMs);
    if (start === counter.start) return;
    counter.previous = start - counter.start === counter.windowMs ? counter.current : 0;
    counter.current = 0;
    counter.start = start;
  };

  /** Drops counters whose both windows have passed; then the oldest beyond `maxKeys`. */
  const sweep = (now: number) => {
    lastSweep = now;
    for (const [key, counter] of counters) {
      if (now - counter.start >= 2 * counter.windowMs) counters.delete(key);
    }
    if (counters.size <= maxKeys) return;
    for (const key of counters.keys()) {
      counters.delete(key);
      if (counters.size <= maxKeys * 0.9) break;
    }
  };

  const counterOf = (key: string, windowMs: number, now: number, create: boolean): Counter | undefined => {
    let counter = counters.get(key);
    if (counter && counter.windowMs !== windowMs) {
      // The rule's window changed: start over rather than mix window lengths.
      counters.delete(key);
      counter = undefined;
    }
    if (!counter) {
      if (!create) return undefined;
      if (counters.size >= maxKeys || now - lastSweep > 60_000) sweep(now);
      counter = { start: now - (now % windowMs), current: 0, previous: 0, windowMs };
      counters.set(key, counter);
      return counter;
    }
    roll(counter, now);
    return counter;
  };

  return {
    get size() {
      return counters.size;
    },
    sweep,
    hit(key, limit, windowMs, now) {
      const counter = counterOf(key, windowMs, now, true) as Counter;
      const result = evaluate(counter, limit, now);
      if (!result.allowed) return result;
      counter.current += 1;
      result.remaining = Math.max(0, result.remaining - 1);
      return result;
    },
    peek(key, limit, windowMs, now) {
      const counter = counterOf(key, windowMs, now, false);
      if (!counter) return { allowed: true, limit, remaining: limit, resetMs: windowMs, retryAfterMs: 0 };
      return evaluate(counter, limit, now);
    },
  };
};
