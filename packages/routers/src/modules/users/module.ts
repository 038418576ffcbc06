import { ASSETS_BLOB_CONTAINER } from '@bytelyst/db/blob';
import type { LeaseManager } from '@bytelyst/db/leases';
import { defineModule } from '../../module';
import type { PrincipalCache } from '../auth/principal-cache';
import type { SessionsService } from '../sessions/service';
import type { TokensService } from '../tokens/service';
import { USERS_CONTAINERS } from './containers';
import { createUsersRepository } from './repository';
import { createUsersService } from './service';

type Needs = {
  sessions: SessionsService;
  tokens: TokensService;
  principals: PrincipalCache;
  leases: LeaseManager;
};

/** Users of a product: accounts, roles and status, with the last super_admin kept. */
export const usersModule = defineModule({
  name: 'users',
  containers: USERS_CONTAINERS,
  create: ({ store, clock, bus, blob, config }, { sessions, tokens, principals, leases }: Needs) => ({
    service: createUsersService({
      repo: createUsersRepository(store),
      sessions,
      clock,
      deleteTokensOf: tokens.deleteCreatedBy,
      leases,
      onInvalidate: (userId) => principals.forget(userId),
      bus,
      assetUrl: (key) => blob.publicUrl(ASSETS_BLOB_CONTAINER, key, config.cdnBaseUrl),
    }),
  }),
});
