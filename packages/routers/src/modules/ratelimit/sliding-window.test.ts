import { describe, expect, it } from 'vitest';
import { createMemoryRateLimitStore, type RateLimitResult } from './sliding-window';

const W = 60_000;
/** Window-aligned start, so the arithmetic below is easy to follow. */
const T0 = 1_780_000_020_000 - (1_780_000_020_000 % W);

const sync = (result: RateLimitResult | Promise<RateLimitResult>): RateLimitResult => {
  if (result instanceof Promise) throw new Error('the memory store answers synchronously');
  return result;
};

describe('the sliding-window counter (injected clock)', () => {
  it('allows `limit` requests per window and refuses the next without counting it', () => {
    const store = createMemoryRateLimitStore();
    const remaining = [1, 2, 3].map((i) => sync(store.hit('k', 3, W, T0 + i)).remaining);
    expect(remaining).toEqual([2, 1, 0]);
    const refused = sync(store.hit('k', 3, W, T0 + 10));
    expect(refused).toMatchObject({ allowed: false, remaining: 0, limit: 3 });
    // Refused hits are not counted: the state is unchanged.
    expect(sync(store.peek('k', 3, W, T0 + 10))).toMatchObject({ allowed: false });
    expect(sync(store.hit('other', 3, W, T0 + 10)).allowed).toBe(true);
  });

  it('weighs the previous window by the part the sliding window still covers (no double burst)', () => {
    const store = createMemoryRateLimitStore();
    for (let i = 0; i < 10; i += 1) expect(sync(store.hit('k', 10, W, T0 + 50_000)).allowed).toBe(true);
    // A quarter into the next window, 75 % of the previous 10 still count: 7.5, so 2 more fit, not 10.
    const at = T0 + W + W / 4;
    expect(sync(store.hit('k', 10, W, at))).toMatchObject({ allowed: true, remaining: 1 });
    expect(sync(store.hit('k', 10, W, at)).allowed).toBe(true);
    expect(sync(store.hit('k', 10, W, at)).allowed).toBe(false);
    // Two windows later nothing of it is left.
    expect(sync(store.hit('k', 10, W, T0 + 3 * W)).remaining).toBe(9);
  });

  it('gives a Retry-After after which the request is allowed, and not a moment before', () => {
    for (const [limit, burstAt, askAt] of [
      [5, 1_000, 2_000],
      [5, 59_000, 59_500],
      [4, 30_000, W + 10_000],
      [1, 0, 100],
    ] as const) {
      const store = createMemoryRateLimitStore();
      for (let i = 0; i < limit; i += 1) sync(store.hit('k', limit, W, T0 + burstAt));
      const refused = sync(store.hit('k', limit, W, T0 + askAt));
      expect(refused.allowed).toBe(false);
      expect(refused.retryAfterMs).toBeGreaterThan(0);
      const wait = refused.retryAfterMs;
      expect(sync(store.peek('k', limit, W, T0 + askAt + wait - 2)).allowed, `limit ${limit} early`).toBe(
        false,
      );
      expect(sync(store.hit('k', limit, W, T0 + askAt + wait)).allowed, `limit ${limit} on time`).toBe(true);
    }
  });

  it('reports the ms left in the current window as the reset', () => {
    const store = createMemoryRateLimitStore();
    expect(sync(store.hit('k', 3, W, T0 + 15_000)).resetMs).toBe(45_000);
  });

  it('starts a key over when its window length changes, and forgets idle keys', () => {
    const store = createMemoryRateLimitStore({ maxKeys: 10 });
    sync(store.hit('k', 1, W, T0));
    expect(sync(store.hit('k', 1, W, T0 + 1)).allowed).toBe(false);
    expect(sync(store.hit('k', 1, 2 * W, T0 + 2)).allowed).toBe(true);
    for (let i = 0; i < 10; i += 1) sync(store.hit(`idle-${i}`, 5, W, T0));
    expect(store.size).toBeLessThanOrEqual(11);
    store.sweep(T0 + 3 * W);
    expect(store.size).toBe(0);
    for (let i = 0; i < 50; i += 1) sync(store.hit(`burst-${i}`, 5, W, T0 + 3 * W));
    expect(store.size).toBeLessThanOrEqual(10);
  });
});
