import type { Clock } from '@bytelyst/db/document-store';
import type { RateCounters } from '@bytelyst/db/rate-counters';
import type { EventBus } from '@bytelyst/events/bus';
import type { SecretBox } from '../../lib/secret-box';
import type { AuthService } from '../auth/service';
import type { ProductsService } from '../products/service';
import type { UsersService } from '../users/service';
import { SSO_DEFAULTS, type SsoConfig } from './config';
import { createOidc } from './oidc';
import { createProvidersService } from './providers';
import type { SsoRepository } from './repository';
import { createSignInService } from './sign-in';

/** Single sign-on through OpenID Connect providers an admin configures per product. */
export const createSsoService = (deps: {
  repo: SsoRepository;
  config: SsoConfig;
  clock: Clock;
  bus: EventBus;
  secretBox: SecretBox;
  rateCounters: RateCounters;
  users: UsersService;
  products: ProductsService;
  auth: AuthService;
}) => {
  const { config } = deps;
  const allowHttp = config.allowHttp ?? SSO_DEFAULTS.allowHttp;
  const oidc = createOidc({
    network: config.network ?? SSO_DEFAULTS.network,
    allowHttp,
    timeoutMs: config.timeoutMs ?? SSO_DEFAULTS.timeoutMs,
    ...(config.resolve ? { resolve: config.resolve } : {}),
    ...(config.connect ? { connect: config.connect } : {}),
  });
  const providers = createProvidersService({
    repo: deps.repo,
    clock: deps.clock,
    bus: deps.bus,
    secretBox: deps.secretBox,
    oidc,
    allowHttp,
    defaultRedirectUri: config.defaultRedirectUri ?? SSO_DEFAULTS.defaultRedirectUri,
  });
  const signIn = createSignInService({ ...deps, providers, oidc });
  return {
    listProviders: providers.list,
    getProvider: providers.get,
    createProvider: providers.create,
    updateProvider: providers.update,
    deleteProvider: providers.delete,
    discover: providers.discover,
    listEnabled: providers.listEnabled,
    start: signIn.start,
    finish: signIn.finish,
  };
};

export type SsoService = ReturnType<typeof createSsoService>;
