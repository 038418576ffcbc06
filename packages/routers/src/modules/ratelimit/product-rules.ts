/**
 * A product's rules, overrides and IP rules, compiled for the request path and kept in memory: a request
 * reads them without awaiting anything. This instance's writes drop the copy at once (the next request waits
 * for the reload); other instances' writes show up once the copy is older than `ttlMs`: then, in the
 * background while requests go on with the copy, a fingerprint (counts and newest writes) is read, and the whole
 * set only when it changed, or every five minutes.
 */
import type { Clock } from '@bytelyst/db/document-store';
import { DEFAULT_RULES } from './defaults';
import { buildIpRuleTrie, type IpRuleEntry, type IpRuleTrie } from './ip-trie';
import { compilePattern, type Operation } from './patterns';
import type { OverrideDoc, RateLimitRepository, RuleDoc } from './repository';
import type { TRateLimitKey, TRateLimitRule } from './schema';

export type CompiledRule = {
  id: string;
  name: string;
  key: TRateLimitKey;
  limit: number;
  windowMs: number;
  /** Epoch ms; Infinity when the rule has no end. */
  expiresAt: number;
  covers(operation: Operation): boolean;
};

export type CompiledOverride = {
  id: string;
  ruleId: string | null;
  limit: number | null;
  multiplier: number | null;
  expiresAt: number;
};

export type ProductRules = {
  productId: string;
  /** Enabled rules; an expired one is skipped where used. */
  rules: readonly CompiledRule[];
  ipRules: IpRuleTrie;
  /** The rules that cover an operation (memoised: operations are the bounded set of procedures and routes). */
  rulesFor(operation: Operation): readonly CompiledRule[];
  /** A user's live override of `rule`'s limit, or the rule's own limit. */
  limitFor(rule: CompiledRule, userId: string | undefined, now: number): number;
  byId: ReadonlyMap<string, CompiledRule>;
};

const never = Number.POSITIVE_INFINITY;
const epochOf = (iso: string | null) => (iso === null ? never : Date.parse(iso));

/** Defaults with the product's changes applied, then its own rules: what `rules.list` shows. */
export const effectiveRules = (docs: readonly RuleDoc[]): TRateLimitRule[] => {
  const stored = new Map(docs.map((doc) => [doc.id, doc]));
  const defaults = DEFAULT_RULES.map((rule): TRateLimitRule => {
    const doc = stored.get(rule.id);
    return {
      ...rule,
      match: [...(doc?.match ?? rule.match)],
      ...(doc
        ? {
            name: doc.name,
            description: doc.description,
            key: doc.key,
            limit: doc.limit,
            windowSeconds: doc.windowSeconds,
          }
        : {}),
      enabled: doc?.enabled ?? true,
      builtIn: true,
      customized: doc !== undefined,
      expiresAt: doc?.expiresAt ?? null,
      updatedAt: doc?.updatedAt ?? null,
      updatedBy: doc?.updatedBy ?? null,
    };
  });
  const builtIn = new Set(DEFAULT_RULES.map((rule) => rule.id));
  const custom = docs
    .filter((doc) => !builtIn.has(doc.id))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map(
      (doc): TRateLimitRule => ({
        id: doc.id,
        name: doc.name,
        description: doc.description,
        match: doc.match,
        key: doc.key,
        limit: doc.limit,
        windowSeconds: doc.windowSeconds,
        enabled: doc.enabled,
        builtIn: false,
        customized: false,
        expiresAt: doc.expiresAt,
        updatedAt: doc.updatedAt,
        updatedBy: doc.updatedBy,
      }),
    );
  return [...defaults, ...custom];
};

export const compileProductRules = (
  productId: string,
  rules: readonly TRateLimitRule[],
  overrides: readonly OverrideDoc[],
  ipRules: readonly IpRuleEntry[],
): ProductRules => {
  const compiled = rules
    .filter((rule) => rule.enabled)
    .map((rule): CompiledRule => {
      const matchers = rule.match.map(compilePattern);
      return {
        id: rule.id,
        name: rule.name,
        key: rule.key,
        limit: rule.limit,
        windowMs: rule.windowSeconds * 1000,
        expiresAt: epochOf(rule.expiresAt),
        covers: (operation) => matchers.some((matches) => matches(operation)),
      };
    });
  const byUser = new Map<string, CompiledOverride[]>();
  for (const doc of overrides) {
    const list = byUser.get(doc.userId) ?? [];
    list.push({
      id: doc.id,
      ruleId: doc.ruleId,
      limit: doc.limit,
      multiplier: doc.multiplier,
      expiresAt: epochOf(doc.expiresAt),
    });
    byUser.set(doc.userId, list);
  }
  /** By operation name (a bounded set); the REST route is kept to tell a caller's variant apart. */
  const memo = new Map<string, { rest: string | undefined; rules: readonly CompiledRule[] }>();
  return {
    productId,
    rules: compiled,
    ipRules: buildIpRuleTrie(ipRules),
    byId: new Map(compiled.map((rule) => [rule.id, rule])),
    rulesFor(operation) {
      const hit = memo.get(operation.name);
      if (hit && hit.rest === operation.rest) return hit.rules;
      const rules = compiled.filter((rule) => rule.covers(operation));
      if (memo.size < 10_000) memo.set(operation.name, { rest: operation.rest, rules });
      return rules;
    },
    limitFor(rule, userId, now) {
      if (userId === undefined || byUser.size === 0) return rule.limit;
      const list = byUser.get(userId);
      if (!list) return rule.limit;
      // A rule-specific override beats an all-rules one; the newest of each kind wins.
      let general: CompiledOverride | undefined;
      for (const override of list) {
        if (override.expiresAt <= now) continue;
        if (override.ruleId === rule.id) {
          if (override.limit !== null) return override.limit;
          return Math.max(1, Math.round(rule.limit * (override.multiplier ?? 1)));
        }
        if (override.ruleId === null) general ??= override;
      }
      return general ? Math.max(1, Math.round(rule.limit * (general.multiplier ?? 1))) : rule.limit;
    },
  };
};

type Entry = {
  value: ProductRules;
  /** When the copy was last known current (loaded, or its fingerprint checked). */
  checkedAt: number;
  loadedAt: number;
  fingerprint: string;
  refreshing: boolean;
};

/** A copy is read again in full at least this often, whatever its fingerprint says. */
const FULL_RELOAD_MS = 5 * 60_000;

export type ProductRulesCache = {
  /** The product's rules: at once when cached (stale ones are refreshed behind), else after a load. */
  get(productId: string): ProductRules | Promise<ProductRules>;
  /** Drops the product's copy (after a write here): the next request loads it again. */
  invalidate(productId: string): void;
};

export const createProductRulesCache = (deps: {
  repo: RateLimitRepository;
  clock: Clock;
  ttlMs: number;
  /** Whether the product exists: an unknown product id (a made-up header) gets no cache entry. */
  exists(productId: string): Promise<boolean>;
  onRefreshError(error: unknown): void;
  maxProducts?: number;
}): ProductRulesCache => {
  const entries = new Map<string, Entry>();
  const loading = new Map<string, Promise<ProductRules>>();
  const maxProducts = deps.maxProducts ?? 1000;

  const load = async (productId: string): Promise<{ value: ProductRules; fingerprint: string }> => {
    if (!(await deps.exists(productId))) {
      return { value: compileProductRules(productId, [], [], []), fingerprint: '' };
    }
    // The fingerprint first: a write landing during the load makes the next check reload again.
    const fingerprint = await deps.repo.fingerprint(productId);
    const [rules, overrides, ipRules] = await Promise.all([
      deps.repo.allRules(productId),
      deps.repo.allOverrides(productId),
      deps.repo.allIpRules(productId),
    ]);
    const value = compileProductRules(
      productId,
      effectiveRules(rules),
      overrides,
      ipRules.map((rule) => ({
        id: rule.id,
        action: rule.action,
        cidr: rule.cidr,
        expiresAt: epochOf(rule.expiresAt),
      })),
    );
    return { value, fingerprint };
  };

  const start = (productId: string): Promise<ProductRules> => {
    const pending = loading.get(productId);
    if (pending) return pending;
    const loadedAt = deps.clock();
    const next = load(productId)
      .then(({ value, fingerprint }) => {
        if (loading.get(productId) === next) {
          if (entries.size >= maxProducts && !entries.has(productId)) entries.clear();
          entries.set(productId, { value, checkedAt: loadedAt, loadedAt, fingerprint, refreshing: false });
        }
        return value;
      })
      .finally(() => {
        if (loading.get(productId) === next) loading.delete(productId);
      });
    loading.set(productId, next);
    return next;
  };

  /** Behind the requests: reads the fingerprint, and the whole copy only when it changed (or is old). */
  const refresh = async (productId: string, entry: Entry) => {
    const now = deps.clock();
    if (
      now - entry.loadedAt < FULL_RELOAD_MS &&
      (await deps.repo.fingerprint(productId)) === entry.fingerprint
    ) {
      entry.checkedAt = now;
      entry.refreshing = false;
      return;
    }
    await start(productId);
  };

  return {
    get(productId) {
      const entry = entries.get(productId);
      if (!entry) return start(productId);
      if (!entry.refreshing && deps.clock() - entry.checkedAt >= deps.ttlMs) {
        entry.refreshing = true;
        refresh(productId, entry).catch((error: unknown) => {
          entry.refreshing = false;
          deps.onRefreshError(error);
        });
      }
      return entry.value;
    },
    invalidate(productId) {
      entries.delete(productId);
      loading.delete(productId);
    },
  };
};
