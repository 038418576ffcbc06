import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { BlockList, isIP, connect as netConnect } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import type { CustomFetch, CustomFetchOptions } from 'openid-client';

/**
 * Every request SSO makes goes to an address an admin typed (the issuer URL) or one the issuer's metadata
 * named, so it goes through this guard instead of the global fetch: the scheme must be https (http only when
 * the operator allows it, for a loopback IdP), the host is resolved here and every address it resolves to
 * must lie in the network the operator allows, and the connection is made to the address that was checked
 * (a second lookup could answer differently: DNS rebinding). Redirects are never followed.
 */

export type IssuerNetwork = 'public' | 'private' | 'loopback';
export type ResolvedAddress = { address: string; family: 4 | 6 };
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;
export type ConnectTarget = {
  address: string;
  family: 4 | 6;
  port: number;
  tls: boolean;
  /** The name the TLS certificate must carry (absent when the URL names an address). */
  servername?: string;
};
export type Connector = (target: ConnectTarget) => Duplex;

export type OutboundPolicy = {
  network: IssuerNetwork;
  allowHttp: boolean;
  resolve?: Resolver;
  connect?: Connector;
  timeoutMs: number;
  /** Largest response body read; default 1 MiB (metadata, keys and tokens are a few KiB). */
  maxBytes?: number;
};

/** A request the guard refused; nothing was sent. */
export class OutboundRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboundRefused';
  }
}

const blockList = (subnets: readonly (readonly [string, number])[]): BlockList => {
  const list = new BlockList();
  for (const [network, prefix] of subnets) {
    list.addSubnet(network, prefix, network.includes(':') ? 'ipv6' : 'ipv4');
  }
  return list;
};

const LOOPBACK = blockList([
  ['127.0.0.0', 8],
  ['::1', 128],
]);
/** Never an IdP: this host, link-local (cloud metadata at 169.254.169.254), documentation, multicast, reserved. */
const NEVER = blockList([
  ['0.0.0.0', 8],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
  ['::', 96],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
]);
const PRIVATE = blockList([
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['fc00::', 7],
]);

/** Whether `network` admits `address` (IPv4-mapped IPv6 addresses count as their IPv4 address). */
export const addressAllowed = (network: IssuerNetwork, address: string): boolean => {
  const version = isIP(address);
  if (version === 0) return false;
  const type = version === 6 ? 'ipv6' : 'ipv4';
  try {
    if (network === 'loopback') return LOOPBACK.check(address, type);
    if (NEVER.check(address, type)) return false;
    return network === 'private' || !PRIVATE.check(address, type);
  } catch {
    return false;
  }
};

const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({
    address,
    family: family === 6 ? 6 : 4,
  }));

/** Opens TCP or TLS to the checked address; the default connector. */
export const systemConnector: Connector = ({ address, port, tls, servername }) =>
  tls
    ? tlsConnect({ host: address, port, ALPNProtocols: ['http/1.1'], ...(servername ? { servername } : {}) })
    : netConnect({ host: address, port });

type Target = { url: URL; connect: ConnectTarget };

/** The checked address to connect to, or `OutboundRefused` before anything is sent. */
export const resolveTarget = async (
  raw: string,
  policy: Pick<OutboundPolicy, 'network' | 'allowHttp' | 'resolve'>,
): Promise<Target> => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundRefused(`'${raw}' is not a URL`);
  }
  const https = url.protocol === 'https:';
  if (!https && !(url.protocol === 'http:' && policy.allowHttp)) {
    throw new OutboundRefused(
      `${url.protocol}// is not allowed for SSO: issuers must use https (SSO_ALLOW_HTTP_ISSUERS is off)`,
    );
  }
  if (url.username || url.password) throw new OutboundRefused('URLs with credentials are not allowed');
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const literal = isIP(hostname);
  let addresses: ResolvedAddress[];
  if (literal === 0) {
    try {
      addresses = await (policy.resolve ?? systemResolver)(hostname);
    } catch {
      throw new OutboundRefused(`${hostname} could not be resolved`);
    }
  } else {
    addresses = [{ address: hostname, family: literal === 6 ? 6 : 4 }];
  }
  const [first] = addresses;
  if (!first) throw new OutboundRefused(`${hostname} resolves to no address`);
  const refused = addresses.find(({ address }) => !addressAllowed(policy.network, address));
  if (refused) {
    throw new OutboundRefused(
      `${hostname} resolves to ${refused.address}, which SSO_ISSUER_NETWORK=${policy.network} does not allow`,
    );
  }
  return {
    url,
    connect: {
      address: first.address,
      family: first.family,
      port: Number(url.port) || (https ? 443 : 80),
      tls: https,
      ...(https && literal === 0 ? { servername: hostname } : {}),
    },
  };
};

const bodyBytes = (body: CustomFetchOptions['body']): Buffer | undefined => {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof URLSearchParams) return Buffer.from(body.toString());
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body);
  throw new OutboundRefused('streamed request bodies are not supported');
};

const NO_BODY_STATUSES = new Set([101, 204, 205, 304]);

const toResponse = (res: IncomingMessage, body: Buffer): Response => {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const status = res.statusCode ?? 502;
  return new Response(NO_BODY_STATUSES.has(status) ? null : new Uint8Array(body), {
    status,
    statusText: res.statusMessage ?? '',
    headers,
  });
};

/** A fetch for openid-client (`customFetch`) that only reaches what the policy allows. */
export const createGuardedFetch = (policy: OutboundPolicy): CustomFetch => {
  const connect = policy.connect ?? systemConnector;
  const maxBytes = policy.maxBytes ?? 1024 * 1024;
  return async (raw, init) => {
    const { url, connect: target } = await resolveTarget(raw, policy);
    const body = bodyBytes(init.body);
    return new Promise<Response>((resolve, reject) => {
      const req = httpRequest(
        {
          method: init.method,
          path: `${url.pathname}${url.search}`,
          headers: {
            ...init.headers,
            host: url.host,
            ...(body ? { 'content-length': String(body.length) } : {}),
          },
          // No agent and no host: the socket comes from `connect` alone (tests prove it is called), so nothing
          // here could open a connection to an address that was not checked.
          createConnection: () => connect(target),
          timeout: policy.timeoutMs,
          ...(init.signal ? { signal: init.signal } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              res.destroy();
              reject(new OutboundRefused(`the response from ${url.host} is over ${maxBytes} bytes`));
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () => resolve(toResponse(res, Buffer.concat(chunks))));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${url.host} did not answer in ${policy.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  };
};

/** The guard's refusal anywhere in an error's cause chain (openid-client wraps what its fetch throws). */
export const refusalIn = (error: unknown): OutboundRefused | undefined => {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (current instanceof OutboundRefused) return current;
    current = current.cause;
  }
  return undefined;
};
