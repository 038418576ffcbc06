import { defineModule } from '../../module';
import type { ProductsService } from '../products/service';
import type { SessionsService } from '../sessions/service';
import type { UsersService } from '../users/service';
import { createAuthService } from './service';

type Needs = { users: UsersService; sessions: SessionsService; products: ProductsService };

/** Registration, sign-in and access tokens. */
export const authModule = defineModule({
  name: 'auth',
  create: ({ clock, config }, { users, sessions, products }: Needs) => ({
    service: createAuthService({
      users,
      sessions,
      products,
      clock,
      jwtSecret: config.jwtSecret,
      accessTokenTtlSeconds: config.accessTokenTtlSeconds,
    }),
  }),
});
