import { lookup } from 'node:dns/promises';
import { isIP, connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

/**
 * The guard in front of every request the platform sends to an address someone typed (an SSO issuer, a
 * webhook endpoint, a status monitor): the scheme must be https (http only as the policy says), the URL may
 * not carry credentials, the host is resolved here once, every address it resolves to must be one the
 * policy admits, and the connection is then made to the address that was checked. A second lookup between
 * check and connect could answer differently (DNS rebinding), so nothing after this resolves again.
 *
 * The address rules: `loopback` admits 127.0.0.0/8 and ::1 only; `public` refuses loopback, private
 * (RFC 1918, carrier-grade NAT, unique-local) and every special-purpose range (link-local and cloud
 * metadata, documentation, benchmarking, reserved, multicast, broadcast, the IPv6 transition prefixes);
 * `private` admits the private ranges as well. An IPv4-mapped address (::ffff:a.b.c.d) is judged as the
 * IPv4 address it is; the other forms that embed an IPv4 address (IPv4-compatible, IPv4-translated, NAT64,
 * 6to4, Teredo) are refused, naming the embedded address. `allowedCidrs` (an operator's list, e.g.
 * WEBHOOK_ALLOWED_CIDRS) admits what lies inside it whatever the network, except an embedding form whose
 * embedded IPv4 address is itself refused: listing 64:ff9b::/96 for a DNS64 network still keeps NAT64 away
 * from 169.254.169.254.
 */

export type OutboundNetwork = 'public' | 'private' | 'loopback';
/** http:// URLs: always, never, or only when every address the host resolves to is inside `allowedCidrs`. */
export type HttpRule = 'allow' | 'refuse' | 'allowed-cidrs-only';
export type AddressPolicy = { network: OutboundNetwork; allowedCidrs?: readonly string[] };

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
/** Opens the connection to a checked address (tests inject one that only reaches loopback). */
export type Connector = (target: ConnectTarget) => Socket;

/** What a refusal names so that its reader knows which setting decides (all optional). */
export type PolicySettings = {
  /** The setting that chose the network, e.g. `SSO_ISSUER_NETWORK`. */
  network?: string;
  /** Why http is refused, e.g. `SSO_ALLOW_HTTP_ISSUERS is off`. */
  http?: string;
  /** The setting that lists `allowedCidrs`, e.g. `WEBHOOK_ALLOWED_CIDRS`. */
  allowedCidrs?: string;
};

export type TargetPolicy = AddressPolicy & { http: HttpRule; resolve?: Resolver; settings?: PolicySettings };

export type RefusalCode =
  | 'url'
  | 'scheme'
  | 'credentials'
  | 'unresolved'
  | 'address'
  /** A request body the client cannot send. */
  | 'request'
  /** An answer over the size the caller accepts (the only refusal after something was sent). */
  | 'response';

/** A request the guard refused: nothing was sent (except for `response`). The message says why, for an admin. */
export class OutboundRefused extends Error {
  readonly code: RefusalCode;
  constructor(code: RefusalCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'OutboundRefused';
    this.code = code;
  }
}

/** The guard's refusal anywhere in an error's cause chain (openid-client wraps what its fetch throws). */
export const refusalIn = (error: unknown): OutboundRefused | undefined => {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (current instanceof OutboundRefused) return current;
    current = current.cause;
  }
  return undefined;
};

type Ip = { version: 4 | 6; bytes: Uint8Array };
type Cidr = { ip: Ip; prefix: number };

const ipv6Bytes = (text: string): Uint8Array => {
  let hex = text;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const [a = 0, b = 0, c = 0, d = 0] = tail.split('.').map(Number);
    hex = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = hex.split('::');
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const left = groups(halves[0]);
  const right = groups(halves[1]);
  const all =
    halves.length === 2
      ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
      : left;
  const bytes = new Uint8Array(16);
  all.forEach((group, index) => {
    const value = Number.parseInt(group, 16);
    bytes[index * 2] = value >> 8;
    bytes[index * 2 + 1] = value & 0xff;
  });
  return bytes;
};

/** The address's bytes, or undefined when `text` is not an IPv4 or IPv6 address (a zone id is ignored). */
const parseIp = (text: string): Ip | undefined => {
  const plain = text.replace(/%.*$/, '');
  const version = isIP(plain);
  if (version === 4) return { version: 4, bytes: Uint8Array.from(plain.split('.').map(Number)) };
  if (version === 6) return { version: 6, bytes: ipv6Bytes(plain) };
  return undefined;
};

const formatV4 = (bytes: Uint8Array) => bytes.join('.');

const parseCidr = (text: string): Cidr | undefined => {
  const [address = '', prefixText, ...rest] = text.split('/');
  if (rest.length > 0 || address.includes('%')) return undefined;
  const ip = parseIp(address);
  if (!ip) return undefined;
  const max = ip.version === 4 ? 32 : 128;
  if (prefixText === undefined) return { ip, prefix: max };
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) return undefined;
  return { ip, prefix: Number(prefixText) };
};

const contains = ({ ip: network, prefix }: Cidr, ip: Ip): boolean => {
  if (network.version !== ip.version) return false;
  const whole = prefix >> 3;
  for (let index = 0; index < whole; index += 1) {
    if (network.bytes[index] !== ip.bytes[index]) return false;
  }
  const bits = prefix & 7;
  if (bits === 0) return true;
  const mask = (0xff << (8 - bits)) & 0xff;
  return ((network.bytes[whole] ?? 0) & mask) === ((ip.bytes[whole] ?? 0) & mask);
};

const cidr = (text: string): Cidr => {
  const parsed = parseCidr(text);
  if (!parsed) throw new Error(`not a CIDR: ${text}`);
  return parsed;
};

/**
 * Parses an operator's comma-separated CIDR list (IPv4 and IPv6; a bare address means /32 or /128; blanks
 * between commas are ignored) into `address/prefix` entries, or throws naming the first bad entry.
 */
export const parseCidrList = (text: string): string[] =>
  text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const parsed = parseCidr(entry);
      if (!parsed) {
        throw new Error(
          `'${entry}' is not an IPv4 or IPv6 CIDR (write e.g. 10.0.0.0/8, fd00::/8 or a single address)`,
        );
      }
      return entry.includes('/') ? entry : `${entry}/${parsed.prefix}`;
    });

type RangeClass = 'loopback' | 'private' | 'special';
const RFC1918 = 'a private address (RFC 1918)';
/** The first match names the range (so 255.255.255.255 comes before 240.0.0.0/4). */
const RANGES: readonly { cidr: Cidr; kind: RangeClass; what: string }[] = (
  [
    ['0.0.0.0/8', 'special', 'a "this network" address (0.0.0.0/8), which reaches this host'],
    ['10.0.0.0/8', 'private', RFC1918],
    ['100.64.0.0/10', 'private', 'a carrier-grade NAT address (100.64.0.0/10)'],
    ['127.0.0.0/8', 'loopback', 'a loopback address (127.0.0.0/8)'],
    ['168.63.129.16/32', 'special', "Azure's platform address (168.63.129.16, its metadata and DNS)"],
    ['169.254.0.0/16', 'special', 'a link-local address (169.254.0.0/16, where cloud metadata answers)'],
    ['172.16.0.0/12', 'private', RFC1918],
    ['192.0.0.0/24', 'special', 'an IETF protocol assignment (192.0.0.0/24)'],
    ['192.0.2.0/24', 'special', 'a documentation address (192.0.2.0/24)'],
    ['192.88.99.0/24', 'special', 'a 6to4 relay anycast address (192.88.99.0/24)'],
    ['192.168.0.0/16', 'private', RFC1918],
    ['198.18.0.0/15', 'special', 'a benchmarking address (198.18.0.0/15)'],
    ['198.51.100.0/24', 'special', 'a documentation address (198.51.100.0/24)'],
    ['203.0.113.0/24', 'special', 'a documentation address (203.0.113.0/24)'],
    ['224.0.0.0/4', 'special', 'a multicast address (224.0.0.0/4)'],
    ['255.255.255.255/32', 'special', 'the broadcast address'],
    ['240.0.0.0/4', 'special', 'a reserved address (240.0.0.0/4)'],
    ['::/128', 'special', 'the unspecified address (::)'],
    ['::1/128', 'loopback', 'the IPv6 loopback address (::1)'],
    ['64:ff9b:1::/48', 'special', 'a local-use NAT64 address (64:ff9b:1::/48)'],
    ['100::/64', 'special', 'a discard-only address (100::/64)'],
    ['100:0:0:1::/64', 'special', 'a dummy-prefix address (100:0:0:1::/64)'],
    ['2001:db8::/32', 'special', 'a documentation address (2001:db8::/32)'],
    ['2001::/23', 'special', 'an IETF protocol assignment (2001::/23)'],
    ['3fff::/20', 'special', 'a documentation address (3fff::/20)'],
    ['5f00::/16', 'special', 'an SRv6 segment identifier (5f00::/16)'],
    ['fc00::/7', 'private', 'a unique-local address (fc00::/7)'],
    ['fe80::/10', 'special', 'a link-local address (fe80::/10)'],
    ['fec0::/10', 'special', 'a site-local address (fec0::/10, deprecated)'],
    ['ff00::/8', 'special', 'a multicast address (ff00::/8)'],
  ] as const
).map(([text, kind, what]) => ({ cidr: cidr(text), kind, what }));

const MAPPED = cidr('::ffff:0:0/96');
/** IPv6 forms that carry an IPv4 address (Teredo's client address is stored inverted). */
const EMBEDDINGS: readonly { cidr: Cidr; what: string; at: number; inverted?: boolean }[] = [
  { cidr: cidr('::ffff:0:0:0/96'), what: 'an IPv4-translated address (::ffff:0:0:0/96)', at: 12 },
  { cidr: cidr('64:ff9b::/96'), what: 'a NAT64 address (64:ff9b::/96)', at: 12 },
  { cidr: cidr('2002::/16'), what: 'a 6to4 address (2002::/16)', at: 2 },
  { cidr: cidr('2001::/32'), what: 'a Teredo address (2001::/32)', at: 12, inverted: true },
  { cidr: cidr('::/96'), what: 'an IPv4-compatible address (::/96, deprecated)', at: 12 },
];

export type AddressVerdict = { allowed: true; inAllowedCidrs: boolean } | { allowed: false; reason: string };

const compiled = new WeakMap<readonly string[], Cidr[]>();
const allowedList = (policy: AddressPolicy): Cidr[] => {
  const list = policy.allowedCidrs;
  if (!list || list.length === 0) return [];
  let cidrs = compiled.get(list);
  if (!cidrs) {
    cidrs = parseCidrList(list.join(',')).map(cidr);
    compiled.set(list, cidrs);
  }
  return cidrs;
};

const admits = (network: OutboundNetwork, kind: RangeClass | 'public'): boolean => {
  if (network === 'loopback') return kind === 'loopback';
  if (network === 'private') return kind === 'public' || kind === 'private';
  return kind === 'public';
};

const judge = (network: OutboundNetwork, allowed: readonly Cidr[], ip: Ip): AddressVerdict => {
  if (contains(MAPPED, ip)) {
    const v4: Ip = { version: 4, bytes: ip.bytes.slice(12) };
    const inner = judge(network, allowed, v4);
    return inner.allowed
      ? inner
      : { allowed: false, reason: `an IPv4-mapped address of ${formatV4(v4.bytes)}, ${inner.reason}` };
  }
  const listed = allowed.some((entry) => contains(entry, ip));
  const range = RANGES.find((entry) => contains(entry.cidr, ip));
  // :: and ::1 lie inside ::/96 but are what they are, not IPv4-compatible forms.
  const embedding =
    range?.cidr.prefix === 128 ? undefined : EMBEDDINGS.find((entry) => contains(entry.cidr, ip));
  if (embedding) {
    const raw = ip.bytes.slice(embedding.at, embedding.at + 4);
    const v4: Ip = { version: 4, bytes: embedding.inverted ? raw.map((byte) => ~byte & 0xff) : raw };
    const inner = judge(network, allowed, v4);
    const what = `${embedding.what} of ${formatV4(v4.bytes)}`;
    if (!inner.allowed) return { allowed: false, reason: `${what}, ${inner.reason}` };
    return listed ? { allowed: true, inAllowedCidrs: true } : { allowed: false, reason: what };
  }
  if (listed) return { allowed: true, inAllowedCidrs: true };
  if (admits(network, range?.kind ?? 'public')) return { allowed: true, inAllowedCidrs: false };
  return { allowed: false, reason: range?.what ?? 'a public address' };
};

/** Whether `policy` (or a bare network) admits `address`, and if not, what the address is. */
export const judgeAddress = (policy: AddressPolicy | OutboundNetwork, address: string): AddressVerdict => {
  const resolved = typeof policy === 'string' ? { network: policy } : policy;
  const ip = parseIp(address);
  if (!ip) return { allowed: false, reason: 'not an IP address' };
  return judge(resolved.network, allowedList(resolved), ip);
};

export const addressAllowed = (policy: AddressPolicy | OutboundNetwork, address: string): boolean =>
  judgeAddress(policy, address).allowed;

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

export type OutboundTarget = {
  url: URL;
  /** The URL's host without brackets. */
  hostname: string;
  /** Every address the host resolved to, all checked; `connect` goes to the first. */
  addresses: readonly ResolvedAddress[];
  connect: ConnectTarget;
};

const httpRefused = (policy: TargetPolicy, detail: string): OutboundRefused =>
  new OutboundRefused(
    'scheme',
    `http:// is not allowed${policy.settings?.http ? ` (${policy.settings.http})` : ''}: ${detail}`,
  );

const addressRefused = (
  policy: TargetPolicy,
  hostname: string,
  literal: boolean,
  address: string,
  reason: string,
) => {
  const { network: setting, allowedCidrs } = policy.settings ?? {};
  const by = setting ? `${setting}=${policy.network}` : undefined;
  const refused = by ? `${by} does not allow` : 'is not allowed';
  const hint = allowedCidrs ? ` (an operator can admit it with ${allowedCidrs})` : '';
  return new OutboundRefused(
    'address',
    literal
      ? `${address} is ${reason}, which ${refused}${hint}`
      : `${hostname} resolves to ${address}, which ${refused}: ${reason}${hint}`,
  );
};

/** The checked address to connect to, or `OutboundRefused` before anything is sent. Resolves once. */
export const resolveTarget = async (raw: string, policy: TargetPolicy): Promise<OutboundTarget> => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundRefused('url', `'${raw}' is not a URL`);
  }
  const https = url.protocol === 'https:';
  if (!https && url.protocol !== 'http:') {
    throw new OutboundRefused(
      'scheme',
      `${url.protocol}// URLs are not allowed: only https${policy.http === 'refuse' ? '' : ' and http'} can be reached`,
    );
  }
  const allowedCidrs = allowedList(policy);
  if (
    !https &&
    (policy.http === 'refuse' || (policy.http === 'allowed-cidrs-only' && !allowedCidrs.length))
  ) {
    throw httpRefused(policy, 'the URL must use https');
  }
  if (url.username || url.password) {
    throw new OutboundRefused('credentials', 'URLs with credentials (user:password@) are not allowed');
  }
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const literal = isIP(hostname);
  let addresses: ResolvedAddress[];
  if (literal === 0) {
    try {
      addresses = await (policy.resolve ?? systemResolver)(hostname);
    } catch (error) {
      throw new OutboundRefused('unresolved', `${hostname} could not be resolved`, { cause: error });
    }
  } else {
    addresses = [{ address: hostname, family: literal === 6 ? 6 : 4 }];
  }
  const [first] = addresses;
  if (!first) throw new OutboundRefused('unresolved', `${hostname} resolves to no address`);
  for (const { address } of addresses) {
    const verdict = judgeAddress(policy, address);
    if (!verdict.allowed) throw addressRefused(policy, hostname, literal !== 0, address, verdict.reason);
    if (!https && policy.http === 'allowed-cidrs-only' && !verdict.inAllowedCidrs) {
      const list = policy.settings?.allowedCidrs ?? 'the allowed CIDRs';
      const subject = literal ? `${address} is` : `${hostname} resolves to ${address}, which is`;
      throw httpRefused(
        policy,
        `it is only for receivers inside ${list}, and ${subject} outside them; use https`,
      );
    }
  }
  return {
    url,
    hostname,
    addresses,
    connect: {
      address: first.address,
      family: first.family,
      port: url.port === '' ? (https ? 443 : 80) : Number(url.port),
      tls: https,
      ...(https && literal === 0 ? { servername: hostname } : {}),
    },
  };
};
