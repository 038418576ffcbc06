import { defineModule } from '../../module';
import type { ProductsService } from '../products/service';
import type { SessionsService } from '../sessions/service';
import type { UsersService } from '../users/service';
import { createImpersonationService } from './impersonation';
import { createAuthService } from './service';

type Needs = { users: UsersService; sessions: SessionsService; products: ProductsService };

/** Registration, sign-in, access tokens and admin shadow mode (impersonation). */
export const authModule = defineModule({
  name: 'auth',
  create: ({ clock, config, bus }, { users, sessions, products }: Needs) => ({
    service: Object.assign(
      createAuthService({
        users,
        sessions,
        products,
        clock,
        jwtSecret: config.jwtSecret,
        accessTokenTtlSeconds: config.accessTokenTtlSeconds,
      }),
      {
        impersonation: createImpersonationService({
          users,
          sessions,
          bus,
          clock,
          jwtSecret: config.jwtSecret,
        }),
      },
    ),
  }),
});
