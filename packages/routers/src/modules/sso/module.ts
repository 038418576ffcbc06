import { defineModule } from '../../module';
import type { AuthService } from '../auth/service';
import type { ProductsService } from '../products/service';
import type { UsersService } from '../users/service';
import { SSO_CONTAINERS } from './containers';
import { createSsoRepository } from './repository';
import { createSsoService } from './service';

type Needs = { auth: AuthService; users: UsersService; products: ProductsService };

/** OpenID Connect sign-in through providers configured per product (after auth: it opens sessions). */
export const ssoModule = defineModule({
  name: 'sso',
  containers: SSO_CONTAINERS,
  create: ({ store, clock, bus, config, secretBox, rateCounters }, { auth, users, products }: Needs) => ({
    service: createSsoService({
      repo: createSsoRepository(store),
      config: config.sso ?? {},
      clock,
      bus,
      secretBox,
      rateCounters,
      users,
      products,
      auth,
    }),
  }),
});
