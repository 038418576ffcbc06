import { defineModule } from '../../module';
import type { DeliveryModuleService } from '../delivery/module';
import type { ProductsService } from '../products/service';
import type { SessionsService } from '../sessions/service';
import type { UsersService } from '../users/service';
import { DEFAULT_IDENTITY_CONFIG } from './config';
import { AUTH_CONTAINERS } from './containers';
import { createImpersonationService } from './impersonation';
import { createLoginThrottle } from './login-throttle';
import { createAccountRecovery } from './recovery';
import { createAuthService } from './service';

type Needs = {
  users: UsersService;
  sessions: SessionsService;
  products: ProductsService;
  delivery: DeliveryModuleService;
};

/** Registration, sign-in and access tokens; password reset, email verification and admin shadow mode. */
export const authModule = defineModule({
  name: 'auth',
  containers: AUTH_CONTAINERS,
  create: (deps, { users, sessions, products, delivery }: Needs) => {
    const recovery = createAccountRecovery(deps, {
      users,
      sessions,
      delivery,
      config: deps.config.identity ?? DEFAULT_IDENTITY_CONFIG,
    });
    return {
      service: {
        ...createAuthService({
          users,
          sessions,
          products,
          verification: recovery.verification,
          clock: deps.clock,
          jwtSecret: deps.config.jwtSecret,
          accessTokenTtlSeconds: deps.config.accessTokenTtlSeconds,
          throttle: createLoginThrottle({
            store: deps.store,
            clock: deps.clock,
            ...(deps.config.identity?.loginThrottle ? { config: deps.config.identity.loginThrottle } : {}),
          }),
        }),
        passwordReset: recovery.passwordReset,
        verification: recovery.verification,
        impersonation: createImpersonationService({
          users,
          sessions,
          bus: deps.bus,
          clock: deps.clock,
          jwtSecret: deps.config.jwtSecret,
        }),
      },
      subscribers: recovery.subscribers,
    };
  },
});
