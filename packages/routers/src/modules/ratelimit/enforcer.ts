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

  type Check = { rule: CompiledRule; operation: string; kind: TRateLimitKey; value: string; limit: number };

  const checksOf = (state: ProductRules, operations: readonly Operation[], caller: Caller, now: number) => {
    const checks: Check[] = [];
    for (const operation of operations) {
      for (const rule of state.rulesFor(operation)) {
        if (rule.expiresAt <= now) continue;
        const { kind, value } = keyOf(rule.key, caller);
        checks.push({
          rule,
          operation: operation.name,
          kind,
          value,
          limit: state.limitFor(rule, caller.userId, now),
        });
      }
    }
    return checks;
  };

  const refuse = (
    state: ProductRules,
    check: Check,
    result: RateLimitResult,
    caller: Caller,
  ): LimitOutcome => {
    stats.limited(state.productId, {
      ruleId: check.rule.id,
      ruleName: check.rule.name,
      operation: check.operation,
      keyKind: check.kind,
      key: check.value,
      ip: caller.ip,
      userId: caller.userId ?? null,
    });
    const retryAfterSeconds = Math.max(1, seconds(result.retryAfterMs));
    return {
      headers: { limit: result.limit, remaining: 0, resetSeconds: retryAfterSeconds },
      refused: { rule: check.rule, operation: check.operation, limit: result.limit, retryAfterSeconds },
    };
  };

  /** Keeps the headers of the rule with the least room left. */
  const tighter = (best: RateLimitHeaders | null, result: RateLimitResult): RateLimitHeaders => {
    const next = { limit: result.limit, remaining: result.remaining, resetSeconds: seconds(result.resetMs) };
    if (!best) return next;
    return next.remaining < best.remaining ||
      (next.remaining === best.remaining && next.resetSeconds > best.resetSeconds)
      ? next
      : best;
  };

  const finishAsync = async (
    state: ProductRules,
    checks: readonly Check[],
    from: number,
    first: Promise<RateLimitResult>,
    caller: Caller,
    now: number,
    sofar: RateLimitHeaders | null,
  ): Promise<LimitOutcome> => {
    let headers = sofar;
    for (let i = from; i < checks.length; i += 1) {
      const check = checks[i] as Check;
      const result =
        i === from
          ? await first
          : await store.hit(
              counterKey(state.productId, check.rule.id, check.kind, check.value),
              check.limit,
              check.rule.windowMs,
              now,
            );
      if (!result.allowed) return refuse(state, check, result, caller);
      headers = tighter(headers, result);
    }
    return { headers, refused: null };
  };

  return {
    /** The IP rule that decides for the address, if any. */
    ipVerdict: (state: ProductRules, ip: string) => state.ipRules.match(ip, clock()),

    /**
     * Counts the request against every rule that covers one of its operations (a tRPC batch has several),
     * in order, and stops at the first that refuses it. Synchronous with the in-memory store.
     */
    limit(
      state: ProductRules,
      operations: readonly Operation[],
      caller: Caller,
    ): LimitOutcome | Promise<LimitOutcome> {
      if (state.rules.length === 0) return NOTHING;
      const now = clock();
      const checks = checksOf(state, operations, caller, now);
      if (checks.length === 0) return NOTHING;
      let headers: RateLimitHeaders | null = null;
      for (let i = 0; i < checks.length; i += 1) {
        const check = checks[i] as Check;
        const hit = store.hit(
          counterKey(state.productId, check.rule.id, check.kind, check.value),
          check.limit,
          check.rule.windowMs,
          now,
        );
        if (hit instanceof Promise) return finishAsync(state, checks, i, hit, caller, now, headers);
        if (!hit.allowed) return refuse(state, check, hit, caller);
        headers = tighter(headers, hit);
      }
      return { headers, refused: null };
    },
  };
};

export type Enforcer = ReturnType<typeof createEnforcer>;
