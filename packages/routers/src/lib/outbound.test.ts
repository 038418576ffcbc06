import { describe, expect, it } from 'vitest';
import {
  addressAllowed,
  type Connector,
  type ConnectTarget,
  judgeAddress,
  OutboundRefused,
  parseCidrList,
  type Resolver,
  resolveTarget,
  type TargetPolicy,
} from './outbound';
import { createOutboundClient } from './outbound/client';

/**
 * The outbound guard's decisions. Nothing here opens a connection: names resolve through an injected
 * resolver that maps public-looking names to whatever address a case needs, and the connector throws if it
 * is ever called, so a refusal is proved to happen before any connection and a guard bug fails the test.
 */

/** A resolver answering `addresses` for every name, counting its calls. */
const resolverTo = (...addresses: string[]) => {
  const names: string[] = [];
  const resolve: Resolver = async (hostname) => {
    names.push(hostname);
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { names, resolve };
};

/** Records where the guard would connect, and never connects. */
const neverConnector = () => {
  const attempts: ConnectTarget[] = [];
  const connect: Connector = (target) => {
    attempts.push(target);
    throw new Error('test connector: no connection is ever made');
  };
  return { attempts, connect };
};

const WEBHOOK_SETTINGS = { allowedCidrs: 'WEBHOOK_ALLOWED_CIDRS', http: 'in production' };

/** Posts through a webhook-style client and returns the refusal (or fails the test). */
const refusalOf = async (url: string, policy: Partial<TargetPolicy> & { resolve?: Resolver }) => {
  const { attempts, connect } = neverConnector();
  const client = createOutboundClient({
    network: 'public',
    http: 'allow',
    timeoutMs: 2000,
    connect,
    ...policy,
  });
  const error = await client.post(url, { headers: {}, body: '{}' }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  client.close();
  expect(attempts).toEqual([]);
  expect(error).toBeInstanceOf(OutboundRefused);
  return error as OutboundRefused;
};

const REFUSED_ON_PUBLIC: readonly (readonly [string, RegExp])[] = [
  ['127.0.0.1', /loopback/],
  ['127.255.255.254', /loopback/],
  ['10.0.0.1', /private address \(RFC 1918\)/],
  ['172.16.0.1', /RFC 1918/],
  ['172.31.255.255', /RFC 1918/],
  ['192.168.1.1', /RFC 1918/],
  ['169.254.169.254', /link-local.*cloud metadata/],
  ['169.254.0.1', /link-local/],
  ['100.64.0.1', /carrier-grade NAT/],
  ['100.127.255.255', /carrier-grade NAT/],
  ['0.0.0.0', /this network/],
  ['0.1.2.3', /this network/],
  ['224.0.0.1', /multicast/],
  ['239.255.255.250', /multicast/],
  ['255.255.255.255', /broadcast/],
  ['192.0.2.1', /documentation/],
  ['198.51.100.7', /documentation/],
  ['203.0.113.9', /documentation/],
  ['198.18.0.1', /benchmarking/],
  ['198.19.255.255', /benchmarking/],
  ['240.0.0.1', /reserved/],
  ['192.0.0.8', /IETF protocol assignment/],
  ['192.88.99.1', /6to4 relay/],
  ['168.63.129.16', /Azure/],
  ['::1', /IPv6 loopback/],
  ['::', /unspecified/],
  ['fc00::1', /unique-local/],
  ['fd12:3456::1', /unique-local/],
  ['fe80::1', /link-local/],
  ['febf:ffff::1', /link-local/],
  ['fec0::1', /site-local/],
  ['ff02::1', /multicast/],
  ['2001:db8::1', /documentation/],
  ['3fff::1', /documentation/],
  ['2001:10::1', /IETF protocol assignment/],
  ['5f00::1', /SRv6/],
  ['100::1', /discard-only/],
  ['100:0:0:1::1', /dummy-prefix/],
  ['64:ff9b:1::1', /local-use NAT64/],
  ['::ffff:127.0.0.1', /IPv4-mapped address of 127\.0\.0\.1, a loopback/],
  ['::ffff:7f00:1', /IPv4-mapped address of 127\.0\.0\.1, a loopback/],
  ['::ffff:10.0.0.1', /IPv4-mapped address of 10\.0\.0\.1, a private/],
  ['::ffff:169.254.169.254', /IPv4-mapped address of 169\.254\.169\.254, a link-local/],
  ['::ffff:0.0.0.0', /IPv4-mapped address of 0\.0\.0\.0/],
  ['::7f00:1', /IPv4-compatible address .* of 127\.0\.0\.1, a loopback/],
  ['::a00:1', /IPv4-compatible address .* of 10\.0\.0\.1, a private/],
  ['::ffff:0:7f00:1', /IPv4-translated address .* of 127\.0\.0\.1/],
  ['64:ff9b::7f00:1', /NAT64 address .* of 127\.0\.0\.1, a loopback/],
  ['64:ff9b::169.254.169.254', /NAT64 address .* of 169\.254\.169\.254, a link-local/],
  ['64:ff9b::5db8:d822', /NAT64 address \(64:ff9b::\/96\) of 93\.184\.216\.34$/],
  ['2002:7f00:1::1', /6to4 address .* of 127\.0\.0\.1/],
  ['2002:5db8:d822::1', /6to4 address .* of 93\.184\.216\.34/],
  ['2001:0:4136:e378:8000:63bf:80ff:fffe', /Teredo address .* of 127\.0\.0\.1/],
  ['2001::1', /Teredo/],
];

const PUBLIC = [
  '93.184.216.34',
  '8.8.8.8',
  '172.32.0.1',
  '100.128.0.1',
  '169.255.0.1',
  '198.20.0.1',
  '192.0.1.1',
  '223.255.255.255',
  '::ffff:93.184.216.34',
  '2606:4700:4700::1111',
  '2001:200::1',
  '2003::1',
];

describe('judgeAddress', () => {
  it.each(REFUSED_ON_PUBLIC)('refuses %s on the public network, saying what it is', (address, reason) => {
    const verdict = judgeAddress('public', address);
    expect(verdict.allowed).toBe(false);
    expect(verdict.allowed ? '' : verdict.reason).toMatch(reason);
  });

  it.each(PUBLIC)('admits the public address %s', (address) => {
    expect(judgeAddress('public', address)).toEqual({ allowed: true, inAllowedCidrs: false });
  });

  it('refuses what is not an address', () => {
    expect(judgeAddress('public', 'hooks.example.com')).toEqual({
      allowed: false,
      reason: 'not an IP address',
    });
    expect(addressAllowed('private', '')).toBe(false);
  });

  it('admits private ranges on the private network, never loopback or special ranges', () => {
    for (const address of ['10.1.2.3', '172.20.0.1', '192.168.0.10', '100.64.1.1', 'fd00::1', '8.8.8.8']) {
      expect(addressAllowed('private', address)).toBe(true);
    }
    for (const address of ['127.0.0.1', '::1', '169.254.169.254', '192.0.2.1', 'fe80::1', '64:ff9b::a00:1']) {
      expect(addressAllowed('private', address)).toBe(false);
    }
  });

  it('admits only loopback on the loopback network', () => {
    for (const address of ['127.0.0.1', '127.3.2.1', '::1', '::ffff:127.0.0.1']) {
      expect(addressAllowed('loopback', address)).toBe(true);
    }
    for (const address of ['8.8.8.8', '10.0.0.1', '::7f00:1', '64:ff9b::7f00:1', '::']) {
      expect(addressAllowed('loopback', address)).toBe(false);
    }
  });

  it('admits what allowedCidrs lists, whatever the network, and says so', () => {
    const policy = {
      network: 'public',
      allowedCidrs: ['127.0.0.0/8', '10.20.0.0/16', 'fd00:1::/32'],
    } as const;
    expect(judgeAddress(policy, '127.0.0.1')).toEqual({ allowed: true, inAllowedCidrs: true });
    expect(judgeAddress(policy, '::ffff:127.0.0.9')).toEqual({ allowed: true, inAllowedCidrs: true });
    expect(judgeAddress(policy, '10.20.3.4')).toEqual({ allowed: true, inAllowedCidrs: true });
    expect(judgeAddress(policy, 'fd00:1:2::3')).toEqual({ allowed: true, inAllowedCidrs: true });
    expect(judgeAddress(policy, '8.8.8.8')).toEqual({ allowed: true, inAllowedCidrs: false });
    for (const address of ['::1', '10.21.0.1', 'fd00:2::1', '169.254.169.254', '64:ff9b::7f00:1']) {
      expect(addressAllowed(policy, address)).toBe(false);
    }
    expect(addressAllowed({ network: 'loopback', allowedCidrs: ['10.0.0.0/8'] }, '10.9.9.9')).toBe(true);
  });

  it('admits an embedding form through allowedCidrs only when its embedded IPv4 address is admitted too', () => {
    const dns64 = { network: 'public', allowedCidrs: ['64:ff9b::/96'] } as const;
    expect(judgeAddress(dns64, '64:ff9b::5db8:d822')).toEqual({ allowed: true, inAllowedCidrs: true });
    const metadata = judgeAddress(dns64, '64:ff9b::a9fe:a9fe');
    expect(metadata.allowed ? '' : metadata.reason).toMatch(/of 169\.254\.169\.254, a link-local/);
  });
});

describe('parseCidrList', () => {
  it('reads IPv4 and IPv6 CIDRs, a bare address as one host, and ignores blanks', () => {
    expect(parseCidrList('10.0.0.0/8, fd00::/8,127.0.0.1 , ::1,,')).toEqual([
      '10.0.0.0/8',
      'fd00::/8',
      '127.0.0.1/32',
      '::1/128',
    ]);
    expect(parseCidrList('')).toEqual([]);
    expect(parseCidrList(' , ')).toEqual([]);
  });

  it.each([
    '10.0.0.0/33',
    'fd00::/129',
    '10.0.0/8',
    'localhost',
    '10.0.0.0/8/1',
    '10.0.0.0/-1',
    '10.0.0.0/',
    '010.0.0.1',
    'fe80::1%eth0',
    '10.0.0.0/8a',
  ])('refuses %s, naming it', (entry) => {
    expect(() => parseCidrList(`127.0.0.0/8, ${entry}`)).toThrow(`'${entry}' is not an IPv4 or IPv6 CIDR`);
  });
});

describe('refusals before any connection', () => {
  it.each(REFUSED_ON_PUBLIC)('refuses a public-looking name resolving to %s', async (address, reason) => {
    const { names, resolve } = resolverTo(address);
    const refusal = await refusalOf('https://hooks.example.com/webhook', { resolve });
    expect(names).toEqual(['hooks.example.com']);
    expect(refusal.code).toBe('address');
    expect(refusal.message).toContain(`hooks.example.com resolves to ${address}, which is not allowed: `);
    expect(refusal.message).toMatch(reason);
  });

  it('refuses a name when any one of its addresses is refused (no picking the good one)', async () => {
    const { resolve } = resolverTo('93.184.216.34', '10.0.0.7');
    const refusal = await refusalOf('https://hooks.example.com/', { resolve });
    expect(refusal.message).toMatch(/resolves to 10\.0\.0\.7/);
  });

  it.each([
    ['http://127.0.0.1/', '127.0.0.1'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1'],
    ['http://0x7f000001/', '127.0.0.1'],
    ['http://2130706433/', '127.0.0.1'],
    ['http://017700000001/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://127.1:8080/', '127.0.0.1'],
    ['http://[::1]:8443/', '::1'],
    ['http://[::]/', '::'],
    ['http://0/', '0.0.0.0'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
    ['http://[64:ff9b::a9fe:a9fe]/', '64:ff9b::a9fe:a9fe'],
    ['http://[::ffff:a9fe:a9fe]/', '::ffff:a9fe:a9fe'],
    ['http://[fd00::1]/', 'fd00::1'],
    ['http://10.0.0.1/', '10.0.0.1'],
  ])('refuses the literal %s without resolving anything', async (url, address) => {
    const { names, resolve } = resolverTo('93.184.216.34');
    const refusal = await refusalOf(url, { resolve });
    expect(names).toEqual([]);
    expect(refusal.message.startsWith(`${address} is `)).toBe(true);
    expect(refusal.message).toMatch(/, which is not allowed$/);
  });

  it('names the operator setting that could admit an address', async () => {
    const { resolve } = resolverTo('10.0.0.7');
    const refusal = await refusalOf('https://hooks.example.com/', { resolve, settings: WEBHOOK_SETTINGS });
    expect(refusal.message).toBe(
      'hooks.example.com resolves to 10.0.0.7, which is not allowed: a private address (RFC 1918) ' +
        '(an operator can admit it with WEBHOOK_ALLOWED_CIDRS)',
    );
  });

  it.each(['ftp://hooks.example.com/', 'file:///etc/passwd', 'gopher://hooks.example.com/', 'ws://x.test/'])(
    'refuses the scheme of %s',
    async (url) => {
      const { names, resolve } = resolverTo('93.184.216.34');
      const refusal = await refusalOf(url, { resolve });
      expect(refusal.code).toBe('scheme');
      expect(refusal.message).toMatch(/URLs are not allowed: only https and http can be reached/);
      expect(names).toEqual([]);
    },
  );

  it.each([
    'https://user:secret@hooks.example.com/',
    'https://user@hooks.example.com/',
    'http://:pw@x.test/',
  ])('refuses credentials in %s', async (url) => {
    const { names, resolve } = resolverTo('93.184.216.34');
    const refusal = await refusalOf(url, { resolve });
    expect(refusal.code).toBe('credentials');
    expect(refusal.message).toBe('URLs with credentials (user:password@) are not allowed');
    expect(names).toEqual([]);
  });

  it('refuses what is not a URL, and a name that does not resolve', async () => {
    expect((await refusalOf('hooks.example.com/webhook', {})).message).toBe(
      "'hooks.example.com/webhook' is not a URL",
    );
    const failing: Resolver = async () => {
      throw new Error('ENOTFOUND');
    };
    const refusal = await refusalOf('https://gone.example.com/', { resolve: failing });
    expect(refusal.code).toBe('unresolved');
    expect(refusal.message).toBe('gone.example.com could not be resolved');
    const empty = await refusalOf('https://empty.example.com/', { resolve: async () => [] });
    expect(empty.message).toBe('empty.example.com resolves to no address');
  });
});

describe('the http rule', () => {
  it('refuse: http:// is refused before resolving, https goes on', async () => {
    const { names, resolve } = resolverTo('93.184.216.34');
    const refusal = await refusalOf('http://hooks.example.com/', { resolve, http: 'refuse' });
    expect(refusal.message).toBe('http:// is not allowed: the URL must use https');
    expect(names).toEqual([]);
    const target = await resolveTarget('https://hooks.example.com/in?x=1', {
      network: 'public',
      http: 'refuse',
      resolve,
    });
    expect(target.connect).toEqual({
      address: '93.184.216.34',
      family: 4,
      port: 443,
      tls: true,
      servername: 'hooks.example.com',
    });
  });

  it('allowed-cidrs-only: http only when every address lies inside allowedCidrs', async () => {
    const policy = {
      network: 'public',
      http: 'allowed-cidrs-only',
      allowedCidrs: ['127.0.0.0/8'],
      settings: WEBHOOK_SETTINGS,
    } as const;
    const publicName = resolverTo('93.184.216.34');
    const refusal = await refusalOf('http://hooks.example.com/', { ...policy, resolve: publicName.resolve });
    expect(refusal.message).toBe(
      'http:// is not allowed (in production): it is only for receivers inside WEBHOOK_ALLOWED_CIDRS, and ' +
        'hooks.example.com resolves to 93.184.216.34, which is outside them; use https',
    );
    const mixed = resolverTo('127.0.0.1', '93.184.216.34');
    await refusalOf('http://receiver.internal/', { ...policy, resolve: mixed.resolve });
    const inside = resolverTo('127.0.0.2');
    const target = await resolveTarget('http://receiver.internal:8080/hook', {
      ...policy,
      resolve: inside.resolve,
    });
    expect(target.connect).toEqual({ address: '127.0.0.2', family: 4, port: 8080, tls: false });
    expect(
      (await resolveTarget('https://hooks.example.com/', { ...policy, resolve: publicName.resolve })).connect,
    ).toMatchObject({ address: '93.184.216.34', tls: true });
  });

  it('allowed-cidrs-only with no allowed CIDRs refuses http:// before resolving', async () => {
    const { names, resolve } = resolverTo('127.0.0.1');
    const refusal = await refusalOf('http://receiver.internal/', {
      resolve,
      http: 'allowed-cidrs-only',
      settings: WEBHOOK_SETTINGS,
    });
    expect(refusal.message).toBe('http:// is not allowed (in production): the URL must use https');
    expect(names).toEqual([]);
  });

  it('scheme messages under refuse mention https only', async () => {
    const refusal = await refusalOf('ftp://x.test/', { http: 'refuse' });
    expect(refusal.message).toBe('ftp:// URLs are not allowed: only https can be reached');
  });
});

describe('the connection goes to the address that was checked', () => {
  it('resolves once and connects to the first checked address, with the name for TLS', async () => {
    const { names, resolve } = resolverTo('93.184.216.34', '2606:4700:4700::1111');
    const { attempts, connect } = neverConnector();
    const client = createOutboundClient({
      network: 'public',
      http: 'refuse',
      timeoutMs: 2000,
      resolve,
      connect,
    });
    await expect(
      client.post('https://hooks.example.com:8443/in', { headers: {}, body: '{}' }),
    ).rejects.toThrow(/no connection is ever made/);
    client.close();
    expect(names).toEqual(['hooks.example.com']);
    expect(attempts).toEqual([
      { address: '93.184.216.34', family: 4, port: 8443, tls: true, servername: 'hooks.example.com' },
    ]);
  });
});
