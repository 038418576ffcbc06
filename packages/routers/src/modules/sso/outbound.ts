import type { CustomFetch } from 'openid-client';
import type { Connector, OutboundNetwork, Resolver } from '../../lib/outbound';
import { createGuardedFetch as createFetch } from '../../lib/outbound/guarded-fetch';

/**
 * Every request SSO makes goes to an address an admin typed (the issuer URL) or one the issuer's metadata
 * named, so it goes through the outbound guard (`lib/outbound.ts`) instead of the global fetch, with SSO's
 * settings: SSO_ISSUER_NETWORK chooses the network and SSO_ALLOW_HTTP_ISSUERS admits http:// (for a
 * loopback IdP). Refusals name those settings.
 */

export {
  addressAllowed,
  type Connector,
  type ConnectTarget,
  OutboundRefused,
  type ResolvedAddress,
  type Resolver,
  refusalIn,
  systemConnector,
} from '../../lib/outbound';

export type IssuerNetwork = OutboundNetwork;

export type OutboundPolicy = {
  network: IssuerNetwork;
  allowHttp: boolean;
  resolve?: Resolver;
  connect?: Connector;
  timeoutMs: number;
  /** Largest response body read; default 1 MiB (metadata, keys and tokens are a few KiB). */
  maxBytes?: number;
};

/** A fetch for openid-client (`customFetch`) that only reaches what SSO's policy allows. */
export const createGuardedFetch = ({ allowHttp, ...policy }: OutboundPolicy): CustomFetch =>
  createFetch({
    ...policy,
    http: allowHttp ? 'allow' : 'refuse',
    settings: { network: 'SSO_ISSUER_NETWORK', http: 'SSO_ALLOW_HTTP_ISSUERS is off' },
  });
