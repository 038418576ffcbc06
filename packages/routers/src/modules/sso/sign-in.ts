import type { Clock, Stored } from '@bytelyst/db/document-store';
import type { RateCounters } from '@bytelyst/db/rate-counters';
import { AppError } from '../../app-error';
import { randomPassword, sha256 } from '../../lib/crypto';
import type { SecretBox } from '../../lib/secret-box';
import { isoIn, isoNow } from '../../lib/time';
import type { TAuthResult } from '../auth/schema';
import type { AuthService, RequestMeta } from '../auth/service';
import { SIGNUP_STATUSES } from '../products/lifecycle';
import type { ProductsService } from '../products/service';
import type { UserDoc } from '../users/repository';
import type { TUser } from '../users/schema';
import type { UsersService } from '../users/service';
import { SSO_STATE_TTL_SECONDS } from './containers';
import { type Oidc, oidcFailure, randomChecks, type SignInClaims } from './oidc';
import type { ProvidersService } from './providers';
import type { SsoProviderDoc, SsoRepository } from './repository';
import type { TSsoFinishInput } from './schema';

/** Started sign-ins per client address and minute: each one writes a state document. */
const START_LIMIT = { limit: 30, windowMs: 60_000 };

const stateContext = (productId: string, stateId: string) => `sso-state:${productId}:${stateId}`;

const unknownState = () =>
  new AppError('BAD_REQUEST', 'This sign-in is unknown, already used or expired; start it again', {
    fields: [{ path: 'state', message: 'Unknown, used or expired' }],
  });

export type SignInDeps = {
  repo: SsoRepository;
  providers: ProvidersService;
  oidc: Oidc;
  clock: Clock;
  secretBox: SecretBox;
  rateCounters: RateCounters;
  users: UsersService;
  products: ProductsService;
  auth: AuthService;
};

/** The OpenID Connect sign-in: start (authorization URL) and finish (the provider's answer -> a session). */
export const createSignInService = (deps: SignInDeps) => {
  const { repo, clock, secretBox, users } = deps;

  const enabledProvider = async (productId: string, id: string): Promise<Stored<SsoProviderDoc>> => {
    const doc = await repo.getProvider(productId, id);
    if (!doc?.enabled) {
      throw new AppError('NOT_FOUND', 'This sign-in provider does not exist or is disabled', {
        fields: [{ path: 'providerId', message: 'No enabled provider with this id' }],
      });
    }
    return doc;
  };

  /** The callback URL openid-client checks: the redirect URI the flow started with, and the provider's answer. */
  const callbackOf = (redirectUri: string, input: TSsoFinishInput, given: URL | undefined): URL => {
    const url = new URL(redirectUri);
    if (given) {
      if (`${given.origin}${given.pathname}` !== `${url.origin}${url.pathname}`) {
        throw new AppError('VALIDATION', "The callback URL is not this sign-in's redirect URI", {
          fields: [{ path: 'callbackUrl', message: `Expected ${redirectUri}` }],
        });
      }
      url.search = given.search;
      return url;
    }
    for (const key of ['state', 'code', 'iss'] as const) {
      const value = input[key];
      if (value !== undefined) url.searchParams.set(key, value);
    }
    return url;
  };

  /**
   * The user the provider vouched for: linked by a verified email, or registered. An existing account whose
   * own address is unverified is not linked: whoever registered it may not own the address (an account
   * "pre-hijacked" before its owner arrives through SSO).
   */
  const accountFor = async (
    productId: string,
    provider: SsoProviderDoc,
    claims: SignInClaims,
  ): Promise<TUser> => {
    const { email } = claims;
    if (!email) {
      throw new AppError('FORBIDDEN', `${provider.name} did not share an email address (the email scope)`);
    }
    if (!claims.emailVerified) {
      throw new AppError(
        'FORBIDDEN',
        `${provider.name} has not verified ${email}: verify it there first, or sign in with a password`,
      );
    }
    const domain = email.slice(email.lastIndexOf('@') + 1);
    if (provider.allowedDomains.length > 0 && !provider.allowedDomains.includes(domain)) {
      throw new AppError('FORBIDDEN', `${domain} addresses cannot sign in through ${provider.name}`);
    }
    const link = (doc: Stored<UserDoc>) => {
      if (doc.status !== 'active') throw new AppError('FORBIDDEN', 'This account is disabled');
      if (!doc.emailVerified) {
        throw new AppError(
          'FORBIDDEN',
          `An account with ${email} exists but has not verified its address: sign in with its password and verify the email, then use ${provider.name}`,
        );
      }
      return users.recordLogin(doc);
    };
    const existing = await users.findByEmail(productId, email);
    if (existing) return link(existing);
    const product = await deps.products.get(productId);
    if (!SIGNUP_STATUSES.includes(product.status)) {
      throw new AppError('FORBIDDEN', `Sign-ups are closed while ${product.id} is ${product.status}`);
    }
    try {
      return await users.create(productId, {
        email,
        name: (claims.name ?? email.slice(0, email.indexOf('@'))).slice(0, 100),
        // Never told to anyone: the user signs in through the provider, or sets a password by a reset.
        password: randomPassword(40),
        roles: ['user'],
        emailVerified: true,
      });
    } catch (error) {
      // Two first sign-ins at once: the other one registered the user; link to it.
      const raced = error instanceof AppError && error.code === 'CONFLICT';
      const winner = raced ? await users.findByEmail(productId, email) : undefined;
      if (winner) return link(winner);
      throw error;
    }
  };

  return {
    async start(
      productId: string,
      input: { providerId: string; redirectUri: string },
      meta: RequestMeta,
    ): Promise<{ authorizationUrl: string; state: string; expiresIn: number }> {
      const hit = await deps.rateCounters.hit(`sso-start:${meta.ip}`, START_LIMIT);
      if (!hit.allowed) throw new AppError('TOO_MANY_REQUESTS', 'Too many sign-ins started; wait a minute');
      const provider = await enabledProvider(productId, input.providerId);
      if (!provider.redirectUris.includes(input.redirectUri)) {
        throw new AppError('VALIDATION', `${provider.name} does not accept this redirect URI`, {
          fields: [{ path: 'redirectUri', message: 'Not one of the provider’s redirect URIs' }],
        });
      }
      const checks = randomChecks();
      let authorizationUrl: string;
      try {
        authorizationUrl = await deps.oidc.authorizationUrl(deps.providers.settingsOf(provider), {
          redirectUri: input.redirectUri,
          ...checks,
        });
      } catch (error) {
        throw oidcFailure(error, 'public');
      }
      const id = sha256(checks.state);
      await repo.createState({
        id,
        productId,
        providerId: provider.id,
        redirectUri: input.redirectUri,
        nonce: checks.nonce,
        codeVerifierSealed: secretBox.seal(checks.codeVerifier, stateContext(productId, id)),
        createdAt: isoNow(clock),
        expiresAt: isoIn(clock, SSO_STATE_TTL_SECONDS),
      });
      return { authorizationUrl, state: checks.state, expiresIn: SSO_STATE_TTL_SECONDS };
    },

    async finish(productId: string, input: TSsoFinishInput, meta: RequestMeta): Promise<TAuthResult> {
      let given: URL | undefined;
      if (input.callbackUrl !== undefined) {
        try {
          given = new URL(input.callbackUrl);
        } catch {
          throw new AppError('VALIDATION', 'The callback URL is not a URL', {
            fields: [{ path: 'callbackUrl', message: 'Not a URL' }],
          });
        }
      }
      const state = given ? given.searchParams.get('state') : input.state;
      if (!state) {
        throw new AppError('VALIDATION', 'The sign-in state is missing', {
          fields: [{ path: 'state', message: 'Required' }],
        });
      }
      // Taken before anything else is checked: a state is spent by its first use, whatever the outcome.
      const flow = await repo.takeState(productId, sha256(state));
      if (!flow || Date.parse(flow.expiresAt) <= clock()) throw unknownState();
      const callbackUrl = callbackOf(flow.redirectUri, input, given);
      const provider = await enabledProvider(productId, flow.providerId);
      let claims: SignInClaims;
      try {
        claims = await deps.oidc.finish(deps.providers.settingsOf(provider), callbackUrl, {
          state,
          nonce: flow.nonce,
          codeVerifier: secretBox.open(flow.codeVerifierSealed, stateContext(productId, flow.id)),
        });
      } catch (error) {
        throw oidcFailure(error, 'public');
      }
      const user = await accountFor(productId, provider, claims);
      return deps.auth.openSession(user, meta, input.platform);
    },
  };
};
