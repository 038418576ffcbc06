import { describe, expect, it } from 'vitest';
import { createEnforcer } from './enforcer';
import { compileProductRules } from './product-rules';
import type { TRateLimitRule } from './schema';
import { createMemoryRateLimitStore, type RateLimitStore } from './sliding-window';
import { createRateLimitStats } from './stats';

const NOW = Date.parse('2026-06-01T12:00:30Z');
const rule = (id: string, limit: number, key: TRateLimitRule['key'] = 'ip'): TRateLimitRule => ({
  id,
  name: id,
  description: '',
  match: ['items.*'],
  key,
  limit,
  windowSeconds: 60,
  enabled: true,
  builtIn: false,
  customized: false,
  expiresAt: null,
  updatedAt: null,
  updatedBy: null,
});
const READ = { name: 'items.list', rest: 'GET /v1/items' };

/** The memory store behind promises, as a shared store (Redis) would answer, counting its calls. */
const asyncStore = () => {
  const memory = createMemoryRateLimitStore();
  const calls: string[] = [];
  const store: RateLimitStore = {
    hit: async (key, limit, windowMs, now) => {
      calls.push(key);
      return memory.hit(key, limit, windowMs, now);
    },
    peek: async (key, limit, windowMs, now) => memory.peek(key, limit, windowMs, now),
  };
  return { store, calls };
};

describe('the enforcer', () => {
  const state = compileProductRules('p', [rule('loose', 5), rule('tight', 2, 'user')], [], []);

  it('counts every covering rule once and reports the tightest, synchronously with the memory store', () => {
    const enforcer = createEnforcer({
      store: createMemoryRateLimitStore(),
      stats: createRateLimitStats(() => NOW),
      clock: () => NOW,
    });
    const first = enforcer.limit(state, [READ], { ip: '192.0.2.1', userId: 'u1' });
    expect(first).not.toBeInstanceOf(Promise);
    expect(first).toEqual({ headers: { limit: 2, remaining: 1, resetSeconds: 30 }, refused: null });
    enforcer.limit(state, [READ], { ip: '192.0.2.1', userId: 'u1' });
    const third = enforcer.limit(state, [READ], { ip: '192.0.2.1', userId: 'u1' });
    expect(third).toMatchObject({ refused: { rule: { id: 'tight' }, limit: 2 } });
    // A batch of two calls counts twice.
    const batch = enforcer.limit(state, [READ, READ], { ip: '192.0.2.2' });
    expect(batch).toMatchObject({ headers: { limit: 2, remaining: 0 }, refused: null });
  });

  it('walks the same way over a store that answers with promises', async () => {
    const { store, calls } = asyncStore();
    const enforcer = createEnforcer({ store, stats: createRateLimitStats(() => NOW), clock: () => NOW });
    const first = enforcer.limit(state, [READ], { ip: '192.0.2.1', userId: 'u1' });
    expect(first).toBeInstanceOf(Promise);
    expect(await first).toEqual({ headers: { limit: 2, remaining: 1, resetSeconds: 30 }, refused: null });
    expect(calls).toEqual(['p|loose|ip:192.0.2.1', 'p|tight|user:u1']);
    await enforcer.limit(state, [READ], { ip: '192.0.2.1', userId: 'u1' });
    expect(await enforcer.limit(state, [READ], { ip: '192.0.2.1', userId: 'u1' })).toMatchObject({
      refused: { rule: { id: 'tight' } },
    });
    expect(calls).toHaveLength(6);
  });

  it('passes a request no rule covers without counting anything', () => {
    const enforcer = createEnforcer({
      store: createMemoryRateLimitStore(),
      stats: createRateLimitStats(() => NOW),
      clock: () => NOW,
    });
    expect(enforcer.limit(state, [{ name: 'other.get' }], { ip: '192.0.2.1' })).toEqual({
      headers: null,
      refused: null,
    });
  });
});
