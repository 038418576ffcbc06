import { defineModule } from '../../module';
import { TOKENS_CONTAINERS } from './containers';
import { createTokensRepository } from './repository';
import { createTokensService } from './service';

/** API tokens (`blt_`): shown once, stored as a hash, checked through a short cache. */
export const tokensModule = defineModule({
  name: 'tokens',
  containers: TOKENS_CONTAINERS,
  create: ({ store, clock, config, bus }) => ({
    service: createTokensService({
      repo: createTokensRepository(store),
      clock,
      cacheTtlMs: config.sessionCacheTtlMs ?? 30_000,
      bus,
    }),
  }),
});
