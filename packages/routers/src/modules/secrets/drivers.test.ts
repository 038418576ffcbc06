import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentStore } from '@bytelyst/db/document-store';
import { createSqliteStore } from '@bytelyst/db/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretKeyring } from '../../lib/secret-box';
import { ALL_CONTAINERS } from '../../services';
import { type FakeKeyVault, startFakeKeyVault } from '../../testing/fake-keyvault';
import { isSecretDriverError, type SecretDriverErrorCode, type SecretValueDriver } from './driver';
import { createKeyVaultSecretDriver, keyVaultNameOf } from './keyvault-driver';
import { createStoreSecretDriver } from './store-driver';

const fixedToken = (token: string) => ({
  getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }),
});

const refusal = async (call: () => Promise<unknown>): Promise<SecretDriverErrorCode | 'other'> => {
  try {
    await call();
  } catch (error) {
    return isSecretDriverError(error) ? error.code : 'other';
  }
  throw new Error('expected a refusal');
};

type Setup = { driver: SecretValueDriver; stop(): Promise<void> };

/** The contract every values driver keeps; the service relies on nothing else. */
const contract = (name: string, setup: () => Promise<Setup>) =>
  describe(`${name} driver contract`, () => {
    let s: Setup;
    const ref = { scope: 'lysnrai', name: 'SENDGRID_API_KEY' };
    beforeAll(async () => {
      s = await setup();
    });
    afterAll(async () => s.stop());

    it('keeps each version apart and answers its value', async () => {
      const first = await s.driver.put(ref, 'SG.first', { expiresAt: null });
      const second = await s.driver.put(ref, 'SG.second', { expiresAt: '2027-01-01T00:00:00.000Z' });
      expect(first.versionRef).not.toBe(second.versionRef);
      expect(await s.driver.get(ref, first.versionRef)).toBe('SG.first');
      expect(await s.driver.get(ref, second.versionRef)).toBe('SG.second');
      expect(await refusal(() => s.driver.get(ref, 'no-such-version'))).toBe('not_found');
      expect(await refusal(() => s.driver.get({ ...ref, scope: 'other' }, first.versionRef))).toBe(
        'not_found',
      );
    });

    it('refuses a disabled version until it is enabled', async () => {
      const { versionRef } = await s.driver.put(ref, 'SG.third', { expiresAt: null });
      await s.driver.setEnabled(ref, versionRef, false);
      expect(await refusal(() => s.driver.get(ref, versionRef))).toBe('disabled');
      await s.driver.setEnabled(ref, versionRef, true);
      expect(await s.driver.get(ref, versionRef)).toBe('SG.third');
    });

    it('soft-deletes, recovers, and purges for good', async () => {
      const other = { scope: 'lysnrai', name: 'APNS_KEY' };
      const { versionRef } = await s.driver.put(other, 'pem', { expiresAt: null });
      await s.driver.remove(other);
      expect(['deleted', 'not_found']).toContain(await refusal(() => s.driver.get(other, versionRef)));
      await s.driver.recover(other);
      expect(await s.driver.get(other, versionRef)).toBe('pem');
      await s.driver.remove(other);
      await s.driver.purge(other);
      expect(await refusal(() => s.driver.get(other, versionRef))).toBe('not_found');
      const again = await s.driver.put(other, 'new pem', { expiresAt: null });
      expect(await s.driver.get(other, again.versionRef)).toBe('new pem');
    });
  });

let dir: string;
contract('store', async () => {
  dir = await mkdtemp(join(tmpdir(), 'secrets-driver-'));
  const store: DocumentStore = createSqliteStore({ path: join(dir, 'store.sqlite') });
  await store.init(ALL_CONTAINERS);
  return {
    driver: createStoreSecretDriver(store, createSecretKeyring(['a-test-encryption-key-of-32-chars!!'])),
    stop: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

let vault: FakeKeyVault;
contract('keyvault', async () => {
  vault = await startFakeKeyVault();
  return {
    driver: createKeyVaultSecretDriver({
      vaultUrl: vault.url,
      credential: fixedToken(vault.token),
      agent: vault.agent,
      pollIntervalMs: 10,
      disableChallengeResourceVerification: true,
    }),
    stop: () => vault.stop(),
  };
});

describe('keyvault driver at its HTTP boundary', () => {
  let fake: FakeKeyVault;
  beforeAll(async () => {
    fake = await startFakeKeyVault();
  });
  afterAll(async () => fake.stop());
  const driverFor = (vaultUrl: string, token = fake.token) =>
    createKeyVaultSecretDriver({
      vaultUrl,
      credential: fixedToken(token),
      agent: fake.agent,
      pollIntervalMs: 10,
      disableChallengeResourceVerification: true,
    });

  it('answers the bearer challenge, sends the api-version, and names secrets the vault allows', async () => {
    const ref = { scope: '*', name: 'STRIPE_SECRET_KEY' };
    const { versionRef } = await driverFor(fake.url).put(ref, 'sk_live_x', {
      expiresAt: '2027-06-01T00:00:00.000Z',
    });
    const stored = fake.secrets.get(keyVaultNameOf(ref).toLowerCase());
    expect(keyVaultNameOf(ref)).toMatch(/^[A-Za-z0-9-]{1,127}$/);
    expect(stored?.versions[0]).toMatchObject({ version: versionRef, value: 'sk_live_x' });
    expect(stored?.versions[0]?.attributes.exp).toBe(Date.parse('2027-06-01T00:00:00.000Z') / 1000);
    const puts = fake.requests.filter((r) => r.method === 'PUT');
    // The first try carries no token and gets the challenge; the retry carries it.
    expect(puts.map((r) => r.authorized)).toEqual([false, true]);
    expect(fake.requests.every((r) => r.apiVersion !== null)).toBe(true);
  });

  it('fails on a token the vault does not accept', async () => {
    const code = await refusal(() =>
      driverFor(fake.url, 'wrong-token').get({ scope: '*', name: 'STRIPE_SECRET_KEY' }, 'x'),
    );
    expect(code).toBe('other');
  });

  it('connects to nothing but loopback', async () => {
    const before = fake.requests.length;
    const error = await driverFor('https://10.255.255.1')
      .get({ scope: '*', name: 'X' }, 'v')
      .catch((e: unknown) => e);
    expect(String(error)).toMatch(/not loopback/);
    expect(fake.requests.length).toBe(before);
  });
});
