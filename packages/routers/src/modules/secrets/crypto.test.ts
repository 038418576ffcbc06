import { createFsBlobStore } from '@bytelyst/db/blob-fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretKeyring } from '../../lib/secret-box';
import { ALL_CONTAINERS, createServices, type Services } from '../../services';
import { runJob } from '../../testing/billing';
import { trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { REENCRYPT_JOB_NAME } from './jobs';
import type { ValueDoc } from './store-driver';

const K1 = 'first-encryption-key-0123456789abcdef';
const K2 = 'second-encryption-key-0123456789abcdef';

describe('the secrets keyring', () => {
  const ring = createSecretKeyring([K1]);

  it('opens what it sealed, for the same record only', () => {
    const { sealed, keyId } = ring.seal('s3cret', 'secret:p:A:1');
    expect(sealed.startsWith(`v2.${keyId}.`)).toBe(true);
    expect(sealed).not.toContain('s3cret');
    expect(ring.open(sealed, 'secret:p:A:1')).toBe('s3cret');
    expect(() => ring.open(sealed, 'secret:p:B:1')).toThrow();
  });

  it('refuses a tampered ciphertext, iv or key id', () => {
    const { sealed } = ring.seal('s3cret', 'ctx');
    const [v, keyId, iv, body] = sealed.split('.') as [string, string, string, string];
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => ring.open([v, keyId, iv, flipped.toString('base64url')].join('.'), 'ctx')).toThrow();
    expect(() =>
      ring.open([v, keyId, Buffer.alloc(12).toString('base64url'), body].join('.'), 'ctx'),
    ).toThrow();
    expect(() => ring.open([v, 'ffffffffffffffff', iv, body].join('.'), 'ctx')).toThrow(/not in the keyring/);
  });

  it('opens values of a previous key and seals under the current one; key ids name keys without revealing them', () => {
    const old = ring.seal('before rotation', 'ctx');
    const rotated = createSecretKeyring([K2, K1]);
    expect(rotated.currentKeyId).not.toBe(ring.currentKeyId);
    expect(rotated.keyIds).toEqual([rotated.currentKeyId, ring.currentKeyId]);
    expect(rotated.open(old.sealed, 'ctx')).toBe('before rotation');
    expect(rotated.seal('after', 'ctx').keyId).toBe(rotated.currentKeyId);
    expect(() => createSecretKeyring([K2]).open(old.sealed, 'ctx')).toThrow();
    expect(K1).not.toContain(ring.currentKeyId);
  });
});

describe('key rotation of stored secrets', () => {
  let h: TestHarness;
  const opened: Services[] = [];
  /** Another process over the same store, with other keys (a restart after ENCRYPTION_KEY changed). */
  const restartWith = async (encryptionKey: string, previous: string[] = []) => {
    const store = h.openStore();
    await store.init(ALL_CONTAINERS);
    const services = createServices({
      store,
      blob: createFsBlobStore({
        root: `${h.dir}/blobs`,
        signingSecret: 'x'.repeat(16),
        publicBaseUrl: 'http://127.0.0.1/b',
        clock: h.clock,
      }),
      clock: h.clock,
      config: { ...h.services.config, encryptionKey, secrets: { previousEncryptionKeys: previous } },
    });
    opened.push(services);
    return services;
  };
  beforeAll(async () => {
    h = await createTestHarness({ config: { encryptionKey: K1 } });
  });
  afterAll(async () => {
    for (const services of opened) await services.store.close();
    await h.close();
  });

  it('refuses a value whose ciphertext was altered in the store', async () => {
    const root = await h.root();
    await root.caller.secrets.create({ name: 'TAMPERED', secretValue: 'original' });
    const values = h.store.container<ValueDoc>('secret_values');
    await values.mutate('TAMPERED:1', 'platform', (doc) => {
      const [v, keyId, iv, body] = doc.sealed.split('.') as [string, string, string, string];
      const bytes = Buffer.from(body, 'base64url');
      bytes[2] = (bytes[2] ?? 0) ^ 0xff;
      return { ...doc, sealed: [v, keyId, iv, bytes.toString('base64url')].join('.') };
    });
    const refused = await trpcErrorOf(() =>
      root.caller.secrets.reveal({ name: 'TAMPERED', reason: 'tamper check run' }),
    );
    expect(refused.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(refused)).not.toContain('original');
  });

  it('reads old values after a rotation and re-encrypts them under the new key with progress', async () => {
    const root = await h.root();
    for (const name of ['ROTATE_A', 'ROTATE_B', 'ROTATE_C']) {
      await root.caller.secrets.create({ name, scope: 'platform', secretValue: `value of ${name}` });
    }
    const withoutOld = await restartWith(K2);
    await expect(withoutOld.secrets.resolve('ROTATE_A')).rejects.toThrow(/not in the keyring/);

    const rotated = await restartWith(K2, [K1]);
    expect(await rotated.secrets.resolve('ROTATE_A')).toBe('value of ROTATE_A');
    const before = await rotated.secrets.reencryption();
    // The tampered value of the test above cannot be opened: it stays under the old key and counts as failed.
    expect(before).toMatchObject({ state: 'idle', remaining: 4, driver: 'store' });
    const def = rotated.jobRegistry.get(REENCRYPT_JOB_NAME);
    if (!def) throw new Error('no re-encryption job');
    expect(await runJob(h, def)).toEqual({ total: 4, reencrypted: 3, failed: 1 });
    const after = await rotated.secrets.reencryption();
    expect(after).toMatchObject({
      state: 'failed',
      total: 4,
      done: 3,
      failed: 1,
      remaining: 1,
      keyId: before.keyId,
    });
    expect(after.finishedAt).not.toBeNull();

    const onlyNew = await restartWith(K2);
    for (const name of ['ROTATE_A', 'ROTATE_B', 'ROTATE_C']) {
      expect(await onlyNew.secrets.resolve(name)).toBe(`value of ${name}`);
    }
  });
});
