import { defineModule } from '../../module';
import type { ProductsService } from '../products/service';
import type { UsersService } from '../users/service';
import { RATELIMIT_CACHE_TTL_MS } from './config';
import { RATELIMIT_CONTAINERS } from './containers';
import { createEnforcer } from './enforcer';
import { createProductRulesCache } from './product-rules';
import { createRateLimitRepository } from './repository';
import { createRateLimitService } from './service';
import { createMemoryRateLimitStore } from './sliding-window';
import { createRateLimitStats } from './stats';

type Needs = { products: ProductsService; users: UsersService };

/**
 * Rate limits and IP rules (roadmap §1.1, §2.11): rules per product over procedures and REST routes, counted
 * in sliding windows per user, API token, address or product; per-user overrides; IP allow and deny rules
 * matched through a prefix trie. The API enforces them on both faces (apps/api/src/plugins/ratelimit.ts)
 * through `service.enforcement`; counters and stats are in memory per instance.
 */
export const ratelimitModule = defineModule({
  name: 'ratelimit',
  containers: RATELIMIT_CONTAINERS,
  create: ({ store, clock, bus, config, logger }, { products, users }: Needs) => {
    const settings = config.ratelimit ?? {};
    const repo = createRateLimitRepository(store);
    const counters = settings.store ?? createMemoryRateLimitStore({ maxKeys: settings.maxKeys ?? 100_000 });
    const stats = createRateLimitStats(clock);
    const cache = createProductRulesCache({
      repo,
      clock,
      ttlMs: settings.cacheTtlMs ?? RATELIMIT_CACHE_TTL_MS,
      exists: async (productId) => (await products.find(productId)) !== undefined,
      onRefreshError: (error) =>
        logger?.warn({ err: error }, 'ratelimit: reloading rules failed; the previous copy stays in use'),
    });
    const enforcer = createEnforcer({ store: counters, stats, clock });
    const service = createRateLimitService({
      repo,
      clock,
      bus,
      cache,
      counters,
      stats,
      enforcer,
      users,
      instanceId: config.instanceId ?? 'api',
    });
    return {
      service: {
        ...service,
        /** For the API's request path (plugins/ratelimit.ts). */
        enforcement: {
          /** The product's compiled rules: synchronous when cached. */
          rulesOf: cache.get,
          ipVerdict: enforcer.ipVerdict,
          limit: enforcer.limit,
          /** A request refused by a deny IP rule, for the stats. */
          denied: stats.denied,
          /** A 429 answered by a module's own limit (a login lockout), for the stats. */
          limitedElsewhere: stats.limited,
        },
      },
    };
  },
});

export type RateLimitModuleService = ReturnType<typeof ratelimitModule.create>['service'];
