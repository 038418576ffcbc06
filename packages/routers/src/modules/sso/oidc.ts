import * as client from 'openid-client';
import { AppError } from '../../app-error';
import { createGuardedFetch, type OutboundPolicy, refusalIn } from './outbound';
import type { TSsoDiscoverOutput } from './schema';

/**
 * OpenID Connect as a relying party, through openid-client 6 and the outbound guard. The issuer's metadata is
 * discovered on every step (a sign-in is rare; a rotated key or endpoint is then always seen, and any API
 * instance can finish a flow another started). ID tokens are verified against the issuer's JWKS
 * (`enableNonRepudiationChecks`): openid-client would otherwise trust the TLS channel to the token endpoint.
 */

export type OidcClientSettings = { issuer: string; clientId: string; clientSecret: string | null };

export type SignInClaims = {
  sub: string;
  email: string | undefined;
  emailVerified: boolean;
  name: string | undefined;
};

const SCOPE = 'openid email profile';

const stringClaim = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** `email_verified` is a boolean in the spec; a few providers send the string. */
const verifiedClaim = (value: unknown): boolean => value === true || value === 'true';

/** What went wrong, in words a caller can act on; `admin` adds the detail only an admin should read. */
export const oidcFailure = (error: unknown, audience: 'admin' | 'public'): AppError => {
  if (error instanceof AppError) return error;
  const refusal = refusalIn(error);
  if (refusal) {
    return audience === 'admin'
      ? new AppError('VALIDATION', `The issuer cannot be used: ${refusal.message}`, {
          fields: [{ path: 'issuer', message: refusal.message }],
        })
      : new AppError('UNAVAILABLE', 'This sign-in provider cannot be reached; tell an administrator');
  }
  if (error instanceof client.AuthorizationResponseError) {
    const detail = error.error_description ? `: ${error.error_description}` : '';
    return new AppError(
      'UNAUTHORIZED',
      `The identity provider refused the sign-in (${error.error}${detail})`,
    );
  }
  if (error instanceof client.ResponseBodyError) {
    return new AppError(
      'UNAUTHORIZED',
      `The identity provider refused the sign-in code (${error.error}); start the sign-in again`,
    );
  }
  if (error instanceof client.ClientError && error.code && error.code !== 'OAUTH_TIMEOUT') {
    const reason = error.cause instanceof Error ? error.cause.message : error.message;
    return new AppError('UNAUTHORIZED', `The identity provider's answer failed verification: ${reason}`);
  }
  const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause : error).message : '';
  return audience === 'admin'
    ? new AppError('VALIDATION', `The issuer could not be reached: ${reason}`, {
        fields: [{ path: 'issuer', message: 'Unreachable' }],
      })
    : new AppError('UNAVAILABLE', 'The identity provider could not be reached; try again later');
};

export const createOidc = (policy: OutboundPolicy) => {
  const fetch = createGuardedFetch(policy);

  const discover = (settings: OidcClientSettings): Promise<client.Configuration> => {
    const issuer = new URL(settings.issuer);
    const execute = [client.enableNonRepudiationChecks];
    // The guard refuses http:// unless the operator allowed it; openid-client must be told separately.
    if (issuer.protocol === 'http:' && policy.allowHttp) execute.push(client.allowInsecureRequests);
    return client.discovery(
      issuer,
      settings.clientId,
      undefined,
      settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None(),
      { [client.customFetch]: fetch, execute, timeout: Math.ceil(policy.timeoutMs / 1000) },
    );
  };

  return {
    /** The issuer's metadata, for an admin checking a provider before saving it. */
    async metadata(issuer: string): Promise<TSsoDiscoverOutput> {
      const meta = (
        await discover({ issuer, clientId: 'discovery-check', clientSecret: null })
      ).serverMetadata();
      return {
        issuer: meta.issuer,
        authorizationEndpoint: meta.authorization_endpoint ?? '',
        tokenEndpoint: meta.token_endpoint ?? null,
        userinfoEndpoint: meta.userinfo_endpoint ?? null,
        jwksUri: meta.jwks_uri ?? null,
        supportsPkceS256: meta.supportsPKCE('S256'),
        scopesSupported: meta.scopes_supported ?? [],
        idTokenSigningAlgs: meta.id_token_signing_alg_values_supported ?? [],
        tokenEndpointAuthMethods: meta.token_endpoint_auth_methods_supported ?? [],
      };
    },

    /** The URL to send the browser to, with PKCE (S256), state and nonce. */
    async authorizationUrl(
      settings: OidcClientSettings,
      checks: { redirectUri: string; state: string; nonce: string; codeVerifier: string },
    ): Promise<string> {
      const config = await discover(settings);
      return client.buildAuthorizationUrl(config, {
        redirect_uri: checks.redirectUri,
        scope: SCOPE,
        code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
        state: checks.state,
        nonce: checks.nonce,
      }).href;
    },

    /**
     * Checks the provider's answer (state, issuer), swaps the code for tokens with the PKCE verifier, verifies
     * the ID token (signature against the JWKS, issuer, audience, expiry, nonce) and reads the claims, from the
     * UserInfo endpoint when the ID token carries no email.
     */
    async finish(
      settings: OidcClientSettings,
      callbackUrl: URL,
      checks: { state: string; nonce: string; codeVerifier: string },
    ): Promise<SignInClaims> {
      const config = await discover(settings);
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken) throw new AppError('UNAUTHORIZED', 'The identity provider sent no ID token');
      let claims: Record<string, unknown> = idToken;
      if (stringClaim(idToken.email) === undefined && config.serverMetadata().userinfo_endpoint) {
        claims = { ...(await client.fetchUserInfo(config, tokens.access_token, idToken.sub)), ...idToken };
      }
      return {
        sub: idToken.sub,
        email: stringClaim(claims.email)?.toLowerCase(),
        emailVerified: verifiedClaim(claims.email_verified),
        name: stringClaim(claims.name),
      };
    },
  };
};

export type Oidc = ReturnType<typeof createOidc>;

export const randomChecks = () => ({
  state: client.randomState(),
  nonce: client.randomNonce(),
  codeVerifier: client.randomPKCECodeVerifier(),
});
