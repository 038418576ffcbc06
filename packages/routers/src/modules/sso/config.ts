import type { Connector, IssuerNetwork, Resolver } from './outbound';

/** SSO settings (apps/api/src/env.ts fills them from the environment; tests inject the network parts). */
export type SsoConfig = {
  /**
   * SSO_ISSUER_NETWORK: where an issuer's endpoints may resolve to. `public` (default) refuses private,
   * loopback, link-local (cloud metadata) and reserved addresses; `private` admits private ranges too (an
   * IdP inside the company network); `loopback` admits only 127.0.0.0/8 and ::1 (tests, a local IdP in dev).
   */
  network?: IssuerNetwork;
  /** SSO_ALLOW_HTTP_ISSUERS: http:// issuers, for a loopback IdP in tests and development only. */
  allowHttp?: boolean;
  /** The redirect URI a provider accepts when its admin names none: the console's callback (CONSOLE_URL). */
  defaultRedirectUri?: string;
  /** Name resolution; default the system resolver. Tests inject one so that a guard bug fails a test. */
  resolve?: Resolver;
  /** Opens the connection to a checked address; default TCP/TLS. Tests inject one that never connects. */
  connect?: Connector;
  /** Per request to the issuer; default 10 s. */
  timeoutMs?: number;
};

export const SSO_DEFAULTS = {
  network: 'public',
  allowHttp: false,
  defaultRedirectUri: 'http://127.0.0.1:3001/api/sso/callback',
  timeoutMs: 10_000,
} as const satisfies SsoConfig;
