/**
 * The request path: the IP-rule verdict and the rate-limit check for one request, over a product's compiled
 * rules (product-rules.ts). Neither awaits anything when the rules are cached and the counter store is the
 * in-memory one, so a request that no rule covers costs a map lookup.
 */
import type { Operation } from './patterns';
import type { CompiledRule, ProductRules } from './product-rules';
import type { TRateLimitKey } from './schema';
import type { RateLimitResult, RateLimitStore } from './sliding-window';
import type { RateLimitStats } from './stats';

export type Caller = {
  ip: string;
  /** The signed-in user (also for an API token: the user who made it). */
  userId?: string | undefined;
  tokenId?: string | undefined;
};

export type RateLimitHeaders = { limit: number; remaining: number; resetSeconds: number };

export type Refusal = {
  rule: CompiledRule;
  operation: string;
  limit: number;
  retryAfterSeconds: number;
};

/** What to tell the client (the tightest rule's headers) and, when a rule refused the request, which. */
export type LimitOutcome = { headers: RateLimitHeaders | null; refused: Refusal | null };

const NOTHING: LimitOutcome = { headers: null, refused: null };

/** What a rule counts the caller by; `user` and `apiToken` fall back to the address for others. */
export const keyOf = (key: TRateLimitKey, caller: Caller): { kind: TRateLimitKey; value: string } => {
  if (key === 'user' && caller.userId) return { kind: 'user', value: caller.userId };
  if (key === 'apiToken' && caller.tokenId) return { kind: 'apiToken', value: caller.tokenId };
  if (key === 'product') return { kind: 'product', value: '*' };
  return { kind: 'ip', value: caller.ip };
};

export const counterKey = (productId: string, ruleId: string, kind: TRateLimitKey, value: string) =>
  `${productId}|${ruleId}|${kind}:${value}`;

const seconds = (ms: number) => Math.max(0, Math.ceil(ms / 1000));

export const createEnforcer = (deps: {
  store: RateLimitStore;
  stats: RateLimitStats;
  clock: () => number;
}) => {
  const { store, stats, clock } = deps;

  const refuse = (
    state: ProductRules,
    rule: CompiledRule,
    operation: string,
    key: { kind: TRateLimitKey; value: string },
    result: RateLimitResult,
    caller: Caller,
  ): LimitOutcome => {
    stats.limited(state.productId, {
      ruleId: rule.id,
      ruleName: rule.name,
      operation,
      keyKind: key.kind,
      key: key.value,
      ip: caller.ip,
      userId: caller.userId ?? null,
    });
    const retryAfterSeconds = Math.max(1, seconds(result.retryAfterMs));
    return {
      headers: { limit: result.limit, remaining: 0, resetSeconds: retryAfterSeconds },
      refused: { rule, operation, limit: result.limit, retryAfterSeconds },
    };
  };

  /** The tightest rule so far: least room left, then the longest wait. */
  type Tightest = { limit: number; remaining: number; resetMs: number } | null;
  const tighter = (best: Tightest, result: RateLimitResult): Tightest =>
    best === null ||
    result.remaining < best.remaining ||
    (result.remaining === best.remaining && result.resetMs > best.resetMs)
      ? { limit: result.limit, remaining: result.remaining, resetMs: result.resetMs }
      : best;
  const headersOf = (best: Tightest): RateLimitHeaders | null =>
    best ? { limit: best.limit, remaining: best.remaining, resetSeconds: seconds(best.resetMs) } : null;

  return {
    /** The IP rule that decides for the address, if any. */
    ipVerdict: (state: ProductRules, ip: string) => state.ipRules.match(ip, clock()),

    /**
     * Counts the request against every rule that covers one of its operations (a tRPC batch has several),
     * in order, and stops at the first that refuses it. Synchronous with the in-memory store; with a store
     * that answers with promises (a shared one) the walk goes on asynchronously after the first rule.
     */
    limit(
      state: ProductRules,
      operations: readonly Operation[],
      caller: Caller,
    ): LimitOutcome | Promise<LimitOutcome> {
      if (state.rules.length === 0) return NOTHING;
      const now = clock();
      let best: Tightest = null;
      for (const operation of operations) {
        for (const rule of state.rulesFor(operation)) {
          if (rule.expiresAt <= now) continue;
          const key = keyOf(rule.key, caller);
          const limit = state.limitFor(rule, caller.userId, now);
          const hit = store.hit(
            counterKey(state.productId, rule.id, key.kind, key.value),
            limit,
            rule.windowMs,
            now,
          );
          if (hit instanceof Promise) {
            if (best !== null)
              throw new Error('a RateLimitStore must answer always synchronously or always with promises');
            // Nothing counted yet but this hit: let it settle, then walk the rest asynchronously from here on.
            return hit.then((first) =>
              first.allowed
                ? limitAsyncAfter(state, operations, caller, now, rule, first)
                : refuse(state, rule, operation.name, key, first, caller),
            );
          }
          if (!hit.allowed) return refuse(state, rule, operation.name, key, hit, caller);
          best = tighter(best, hit);
        }
      }
      return best === null ? NOTHING : { headers: headersOf(best), refused: null };
    },
  };

  /** Continues an asynchronous walk after the first rule, `first`, allowed the request. */
  async function limitAsyncAfter(
    state: ProductRules,
    operations: readonly Operation[],
    caller: Caller,
    now: number,
    firstRule: CompiledRule,
    first: RateLimitResult,
  ): Promise<LimitOutcome> {
    let best: Tightest = tighter(null, first);
    let skipping = true;
    for (const operation of operations) {
      for (const rule of state.rulesFor(operation)) {
        if (skipping) {
          if (rule === firstRule) skipping = false;
          continue;
        }
        if (rule.expiresAt <= now) continue;
        const key = keyOf(rule.key, caller);
        const limit = state.limitFor(rule, caller.userId, now);
        const result = await store.hit(
          counterKey(state.productId, rule.id, key.kind, key.value),
          limit,
          rule.windowMs,
          now,
        );
        if (!result.allowed) return refuse(state, rule, operation.name, key, result, caller);
        best = tighter(best, result);
      }
    }
    return { headers: headersOf(best), refused: null };
  }
};

export type Enforcer = ReturnType<typeof createEnforcer>;
