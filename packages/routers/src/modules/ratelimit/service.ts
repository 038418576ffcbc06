import { randomBytes } from 'node:crypto';
import type { Clock, Stored } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { DAY_MS, isoNow } from '../../lib/time';
import type { UsersService } from '../users/service';
import { DEFAULT_RULES } from './defaults';
import { counterKey, type Enforcer } from './enforcer';
import {
  actorOf,
  assertFuture,
  createIpRulesService,
  KEEP_EXPIRED_MS,
  type RateLimitActor,
  shortId,
  ttlUntil,
} from './ip-rules-service';
import { effectiveRules, type ProductRulesCache } from './product-rules';
import {
  MAX_OVERRIDES,
  MAX_RULES,
  type OverrideDoc,
  type RateLimitRepository,
  type RuleDoc,
} from './repository';
import type {
  TBlockedKey,
  TRateLimitOverride,
  TRateLimitOverrideCreateInput,
  TRateLimitOverrideUpdateInput,
  TRateLimitRule,
  TRateLimitRuleCreateInput,
  TRateLimitRuleUpdateInput,
} from './schema';
import type { RateLimitStore } from './sliding-window';
import type { RateLimitStats } from './stats';

export type { RateLimitActor };

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || 'rule';

const toOverride = ({
  productId: _p,
  _etag,
  _ts,
  ttl,
  ...rest
}: Stored<OverrideDoc>): TRateLimitOverride => ({
  ...rest,
  updatedAt: rest.updatedAt ?? rest.createdAt,
});

export const createRateLimitService = (deps: {
  repo: RateLimitRepository;
  clock: Clock;
  bus: EventBus;
  cache: ProductRulesCache;
  counters: RateLimitStore;
  stats: RateLimitStats;
  enforcer: Enforcer;
  users: UsersService;
  instanceId: string;
}) => {
  const { repo, clock, bus, cache } = deps;
  const future = (iso: string | null, path: string) => assertFuture(clock, iso, path);

  const rules = {
    list: async (productId: string): Promise<TRateLimitRule[]> =>
      effectiveRules(await repo.allRules(productId)),

    async create(productId: string, input: TRateLimitRuleCreateInput, actor: RateLimitActor) {
      future(input.expiresAt, 'expiresAt');
      const id = input.id ?? `${slug(input.name)}-${randomBytes(2).toString('hex')}`;
      if (DEFAULT_RULES.some((rule) => rule.id === id)) {
        throw new AppError('CONFLICT', `'${id}' is a default rule: change it instead`, {
          fields: [{ path: 'id', message: 'Taken by a default rule' }],
        });
      }
      if ((await repo.countRules(productId)) >= MAX_RULES) {
        throw new AppError('CONFLICT', `A product has at most ${MAX_RULES} rules`);
      }
      const now = isoNow(clock);
      const { id: _id, ...fields } = input;
      const doc: RuleDoc = {
        ...fields,
        id,
        productId,
        createdAt: now,
        updatedAt: now,
        updatedBy: actor.userId,
      };
      await repo
        .createRule(
          doc,
          bus.stage(
            'ratelimit.rule_changed',
            {
              ruleId: id,
              change: 'created',
              enabled: doc.enabled,
              limit: doc.limit,
              windowSeconds: doc.windowSeconds,
            },
            actorOf(productId, actor),
          ),
        )
        .catch((error: unknown) => {
          throw (error as { code?: string }).code === 'conflict'
            ? new AppError('CONFLICT', `A rule '${id}' exists`, {
                fields: [{ path: 'id', message: 'Taken' }],
              })
            : error;
        });
      cache.invalidate(productId);
      return (await rules.list(productId)).find((rule) => rule.id === id) as TRateLimitRule;
    },

    /** A default rule's first change stores the product's copy of it. */
    async update(productId: string, input: TRateLimitRuleUpdateInput, actor: RateLimitActor) {
      if (input.expiresAt !== undefined) future(input.expiresAt, 'expiresAt');
      const current = (await rules.list(productId)).find((rule) => rule.id === input.id);
      if (!current) throw new AppError('NOT_FOUND', `Rule '${input.id}' not found`);
      const stored = await repo.getRule(productId, input.id);
      const { id, ...changes } = input;
      const now = isoNow(clock);
      const next: RuleDoc = {
        id,
        productId,
        name: changes.name ?? current.name,
        description: changes.description ?? current.description,
        match: changes.match ?? current.match,
        key: changes.key ?? current.key,
        limit: changes.limit ?? current.limit,
        windowSeconds: changes.windowSeconds ?? current.windowSeconds,
        enabled: changes.enabled ?? current.enabled,
        expiresAt: changes.expiresAt === undefined ? current.expiresAt : changes.expiresAt,
        createdAt: stored?.createdAt ?? now,
        updatedAt: now,
        updatedBy: actor.userId,
      };
      const outbox = bus.stage(
        'ratelimit.rule_changed',
        {
          ruleId: id,
          change: 'updated',
          enabled: next.enabled,
          limit: next.limit,
          windowSeconds: next.windowSeconds,
        },
        actorOf(productId, actor),
      );
      if (stored) await repo.replaceRule(next, stored._etag, outbox);
      else await repo.createRule(next, outbox);
      cache.invalidate(productId);
      return (await rules.list(productId)).find((rule) => rule.id === id) as TRateLimitRule;
    },

    /** Removes a custom rule; for a default rule, drops the product's changes (it applies as shipped again). */
    async delete(productId: string, id: string, actor: RateLimitActor) {
      const builtIn = DEFAULT_RULES.find((rule) => rule.id === id);
      const stored = await repo.getRule(productId, id);
      if (!stored && !builtIn) throw new AppError('NOT_FOUND', `Rule '${id}' not found`);
      if (stored) {
        const shipped = builtIn ?? stored;
        await repo.deleteRule(
          productId,
          id,
          stored._etag,
          bus.stage(
            'ratelimit.rule_changed',
            {
              ruleId: id,
              change: builtIn ? 'reset' : 'deleted',
              enabled: builtIn ? true : stored.enabled,
              limit: shipped.limit,
              windowSeconds: shipped.windowSeconds,
            },
            actorOf(productId, actor),
          ),
        );
        cache.invalidate(productId);
      }
      return { id, deleted: builtIn === undefined, reset: builtIn !== undefined };
    },
  };

  const overrides = {
    async list(productId: string): Promise<TRateLimitOverride[]> {
      const after = clock() - KEEP_EXPIRED_MS;
      return (await repo.allOverrides(productId))
        .filter((doc) => Date.parse(doc.expiresAt) > after)
        .map(toOverride);
    },

    async create(productId: string, input: TRateLimitOverrideCreateInput, actor: RateLimitActor) {
      future(input.expiresAt, 'expiresAt');
      const user = await deps.users.load(productId, input.userId).catch(() => undefined);
      if (!user) {
        throw new AppError('NOT_FOUND', `User '${input.userId}' not found`, {
          fields: [{ path: 'userId', message: 'No such user in this product' }],
        });
      }
      if (input.ruleId !== null && !(await rules.list(productId)).some((rule) => rule.id === input.ruleId)) {
        throw new AppError('NOT_FOUND', `Rule '${input.ruleId}' not found`, {
          fields: [{ path: 'ruleId', message: 'No such rule' }],
        });
      }
      if ((await repo.countOverrides(productId)) >= MAX_OVERRIDES) {
        throw new AppError('CONFLICT', `A product has at most ${MAX_OVERRIDES} overrides`);
      }
      const now = clock();
      const expiresAt = new Date(Date.parse(input.expiresAt)).toISOString();
      const doc: OverrideDoc = {
        id: shortId('rlo'),
        productId,
        userId: user.id,
        userEmail: user.email,
        ruleId: input.ruleId,
        limit: input.limit,
        multiplier: input.multiplier,
        reason: input.reason,
        expiresAt,
        createdBy: actor.userId,
        createdAt: new Date(now).toISOString(),
        updatedAt: new Date(now).toISOString(),
      };
      const stored = await repo.createOverride(
        doc,
        ttlUntil(expiresAt, now),
        bus.stage(
          'ratelimit.override_changed',
          { overrideId: doc.id, userId: doc.userId, ruleId: doc.ruleId, change: 'created', expiresAt },
          actorOf(productId, actor),
        ),
      );
      cache.invalidate(productId);
      return toOverride(stored);
    },

    /** A new limit or multiplier (the other is cleared), reason or expiry; the user and the rule stay. */
    async update(productId: string, input: TRateLimitOverrideUpdateInput, actor: RateLimitActor) {
      const { id, ...changes } = input;
      if (changes.expiresAt !== undefined) future(changes.expiresAt, 'expiresAt');
      if (changes.limit !== undefined && changes.multiplier !== undefined) {
        throw new AppError('VALIDATION', 'Give either a limit or a multiplier', {
          fields: [{ path: 'limit', message: 'Give either a limit or a multiplier' }],
        });
      }
      const doc = await repo.getOverride(productId, id);
      if (!doc) throw new AppError('NOT_FOUND', `Override '${id}' not found`);
      if (changes.limit !== undefined && doc.ruleId === null) {
        throw new AppError('VALIDATION', 'A limit is for one rule; this override covers every rule', {
          fields: [{ path: 'limit', message: 'This override covers every rule: give a multiplier' }],
        });
      }
      const now = clock();
      const expiresAt =
        changes.expiresAt === undefined
          ? doc.expiresAt
          : new Date(Date.parse(changes.expiresAt)).toISOString();
      const byLimit = changes.limit !== undefined;
      const byMultiplier = changes.multiplier !== undefined;
      const next: OverrideDoc = {
        ...doc,
        limit: byLimit ? (changes.limit ?? null) : byMultiplier ? null : doc.limit,
        multiplier: byMultiplier ? (changes.multiplier ?? null) : byLimit ? null : doc.multiplier,
        reason: changes.reason ?? doc.reason,
        expiresAt,
        updatedAt: new Date(now).toISOString(),
      };
      const stored = await repo.replaceOverride(
        next,
        ttlUntil(expiresAt, now),
        doc._etag,
        bus.stage(
          'ratelimit.override_changed',
          { overrideId: id, userId: doc.userId, ruleId: doc.ruleId, change: 'updated', expiresAt },
          actorOf(productId, actor),
        ),
      );
      cache.invalidate(productId);
      return toOverride(stored);
    },

    async delete(productId: string, id: string, actor: RateLimitActor) {
      const doc = await repo.getOverride(productId, id);
      if (!doc) throw new AppError('NOT_FOUND', `Override '${id}' not found`);
      await repo.deleteOverride(
        productId,
        id,
        doc._etag,
        bus.stage(
          'ratelimit.override_changed',
          {
            overrideId: id,
            userId: doc.userId,
            ruleId: doc.ruleId,
            change: 'deleted',
            expiresAt: doc.expiresAt,
          },
          actorOf(productId, actor),
        ),
      );
      cache.invalidate(productId);
      return { id, deleted: true as const };
    },
  };

  const ipRules = createIpRulesService({ repo, clock, bus, cache });

  return {
    rules,
    overrides,
    ipRules,
    async stats(productId: string) {
      const snapshot = deps.stats.snapshot(productId);
      const state = await cache.get(productId);
      const now = clock();
      const top = snapshot.top.map((offender) => ({
        ...offender,
        ipDenied: state.ipRules.match(offender.ip, now)?.action === 'deny',
      }));
      return { instanceId: deps.instanceId, ...snapshot, top };
    },

    /** Keys a request would be refused for now, by the rule that refused them last (this instance's view). */
    async blocked(productId: string): Promise<TBlockedKey[]> {
      const state = await cache.get(productId);
      const now = clock();
      const items: TBlockedKey[] = [];
      for (const offender of deps.stats.recent(productId, DAY_MS)) {
        const rule = offender.ruleId === null ? undefined : state.byId.get(offender.ruleId);
        if (!rule || rule.expiresAt <= now) continue;
        const limit = state.limitFor(rule, offender.userId ?? undefined, now);
        const result = await deps.counters.peek(
          counterKey(productId, rule.id, offender.keyKind, offender.key),
          limit,
          rule.windowMs,
          now,
        );
        if (result.allowed) continue;
        const { count: _c, firstAt: _f, lastAt: _l, ...key } = offender;
        items.push({
          ...key,
          retryAfterSeconds: Math.ceil(result.retryAfterMs / 1000),
          until: new Date(now + result.retryAfterMs).toISOString(),
        });
      }
      return items;
    },
  };
};

export type RateLimitService = ReturnType<typeof createRateLimitService>;
