import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopbackOnlyConnector } from '../../testing/loopback-connector';
import { startOidcProvider, type TestOidcProvider } from '../../testing/oidc-provider';
import {
  addressAllowed,
  type Connector,
  createGuardedFetch,
  type OutboundPolicy,
  OutboundRefused,
  type Resolver,
} from './outbound';

/**
 * The guard in front of every request SSO makes. No test here sends a packet beyond 127.0.0.1: names resolve
 * through an injected resolver, and where a test needs the guard to decide about another address, the
 * injected connector records the attempt and throws instead of connecting.
 */

const FAKE_DNS: Record<string, string[]> = {
  'idp.example.test': ['93.184.216.34'],
  'metadata.example.test': ['169.254.169.254'],
  'intranet.example.test': ['10.1.2.3'],
  'mixed.example.test': ['93.184.216.34', '127.0.0.1'],
  'local.example.test': ['127.0.0.1'],
};
const fakeResolver: Resolver = async (hostname) => {
  const addresses = FAKE_DNS[hostname];
  if (!addresses) throw new Error(`ENOTFOUND ${hostname}`);
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

/** Records where the guard would connect, and never connects. */
const recordingConnector = () => {
  const attempts: string[] = [];
  const connect: Connector = (target) => {
    attempts.push(`${target.address}:${target.port}${target.servername ? ` ${target.servername}` : ''}`);
    throw new Error('test connector: no connection is ever made');
  };
  return { attempts, connect };
};

const GET = { method: 'GET', headers: {}, body: undefined, redirect: 'manual' } as const;

const guarded = (policy: Partial<OutboundPolicy>, connect: Connector) =>
  createGuardedFetch({
    network: 'loopback',
    allowHttp: false,
    timeoutMs: 2000,
    resolve: fakeResolver,
    connect,
    ...policy,
  });

describe('addressAllowed', () => {
  it.each([
    ['93.184.216.34', true],
    ['2606:2800:220:1:248:1893:25c8:1946', true],
    ['127.0.0.1', false],
    ['::1', false],
    ['0.0.0.0', false],
    ['169.254.169.254', false],
    ['10.0.0.1', false],
    ['172.16.5.4', false],
    ['192.168.1.1', false],
    ['100.64.0.1', false],
    ['fd00::1', false],
    ['fe80::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:7f00:1', false],
    ['::ffff:169.254.169.254', false],
    ['224.0.0.1', false],
    ['not-an-address', false],
  ])('public network: %s -> %s', (address, allowed) => {
    expect(addressAllowed('public', address)).toBe(allowed);
  });

  it('admits private ranges on the private network, never this host or link-local', () => {
    expect(addressAllowed('private', '10.0.0.1')).toBe(true);
    expect(addressAllowed('private', 'fd00::1')).toBe(true);
    expect(addressAllowed('private', '93.184.216.34')).toBe(true);
    expect(addressAllowed('private', '127.0.0.1')).toBe(false);
    expect(addressAllowed('private', '169.254.169.254')).toBe(false);
  });

  it('admits only loopback on the loopback network', () => {
    expect(addressAllowed('loopback', '127.0.0.1')).toBe(true);
    expect(addressAllowed('loopback', '127.3.2.1')).toBe(true);
    expect(addressAllowed('loopback', '::1')).toBe(true);
    expect(addressAllowed('loopback', '::ffff:127.0.0.1')).toBe(true);
    expect(addressAllowed('loopback', '93.184.216.34')).toBe(false);
    expect(addressAllowed('loopback', '10.0.0.1')).toBe(false);
  });
});

describe('createGuardedFetch', () => {
  it('refuses a name that resolves outside loopback before connecting', async () => {
    const { attempts, connect } = recordingConnector();
    const fetch = guarded({}, connect);
    await expect(fetch('https://idp.example.test/.well-known/openid-configuration', GET)).rejects.toThrow(
      /idp\.example\.test resolves to 93\.184\.216\.34, which SSO_ISSUER_NETWORK=loopback does not allow/,
    );
    expect(attempts).toEqual([]);
  });

  it('refuses when any address of a name is outside the network (no picking the good one)', async () => {
    const { attempts, connect } = recordingConnector();
    await expect(guarded({}, connect)('https://mixed.example.test/', GET)).rejects.toBeInstanceOf(
      OutboundRefused,
    );
    expect(attempts).toEqual([]);
  });

  it.each([
    'https://metadata.example.test/latest',
    'https://intranet.example.test/',
    'https://local.example.test/',
    'https://169.254.169.254/latest/meta-data',
    'https://[::ffff:7f00:1]/',
    'https://[::1]:8443/',
  ])('on the public network refuses %s before connecting', async (url) => {
    const { attempts, connect } = recordingConnector();
    await expect(guarded({ network: 'public' }, connect)(url, GET)).rejects.toBeInstanceOf(OutboundRefused);
    expect(attempts).toEqual([]);
  });

  it('connects to the address it checked, with the name for TLS (no second lookup)', async () => {
    const { attempts, connect } = recordingConnector();
    await expect(guarded({ network: 'public' }, connect)('https://idp.example.test/x', GET)).rejects.toThrow(
      /no connection is ever made/,
    );
    expect(attempts).toEqual(['93.184.216.34:443 idp.example.test']);
  });

  it('refuses http:// unless allowed, and other schemes always', async () => {
    const { attempts, connect } = recordingConnector();
    const fetch = guarded({}, connect);
    await expect(fetch('http://127.0.0.1:9/x', GET)).rejects.toThrow(/SSO_ALLOW_HTTP_ISSUERS is off/);
    await expect(guarded({ allowHttp: true }, connect)('ftp://127.0.0.1/x', GET)).rejects.toBeInstanceOf(
      OutboundRefused,
    );
    await expect(fetch('https://user:pw@local.example.test/', GET)).rejects.toThrow(/credentials/);
    expect(attempts).toEqual([]);
  });
});

describe('openid-client through the guard, against a provider on loopback', () => {
  let idp: TestOidcProvider;
  beforeAll(async () => {
    idp = await startOidcProvider({
      clients: [{ clientId: 'app', clientSecret: 'app-secret', redirectUris: ['http://127.0.0.1:3001/cb'] }],
      accounts: [],
    });
  });
  afterAll(async () => idp.close());

  it('discovers the issuer over http on loopback when http is allowed', async () => {
    const fetch = createGuardedFetch({
      network: 'loopback',
      allowHttp: true,
      timeoutMs: 5000,
      connect: loopbackOnlyConnector,
    });
    const config = await client.discovery(new URL(idp.issuer), 'app', 'app-secret', undefined, {
      [client.customFetch]: fetch,
      execute: [client.allowInsecureRequests],
    });
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(idp.issuer);
    expect(metadata.jwks_uri).toBe(`${idp.issuer}/jwks`);
    expect(metadata.supportsPKCE('S256')).toBe(true);
  });

  it('refuses the same loopback issuer on the public network, before connecting', async () => {
    const { attempts, connect } = recordingConnector();
    const fetch = createGuardedFetch({ network: 'public', allowHttp: true, timeoutMs: 5000, connect });
    const discovery = client.discovery(new URL(idp.issuer), 'app', 'app-secret', undefined, {
      [client.customFetch]: fetch,
      execute: [client.allowInsecureRequests],
    });
    await expect(discovery).rejects.toThrow();
    const error = await discovery.catch((caught: unknown) => caught);
    expect(error instanceof Error && error.cause).toBeInstanceOf(OutboundRefused);
    expect(attempts).toEqual([]);
  });
});

describe('the loopback-only test connector', () => {
  it('refuses anything but 127.0.0.0/8 and ::1 before opening a socket', () => {
    for (const address of ['93.184.216.34', '10.0.0.1', '::ffff:10.0.0.1', '2606:2800:220:1::1']) {
      expect(() =>
        loopbackOnlyConnector({ address, family: address.includes(':') ? 6 : 4, port: 443, tls: true }),
      ).toThrow(/not loopback/);
    }
  });
});
