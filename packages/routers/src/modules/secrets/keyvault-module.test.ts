import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../lib/time';
import { runJob } from '../../testing/billing';
import { trpcErrorOf } from '../../testing/expect-error';
import { type FakeKeyVault, startFakeKeyVault } from '../../testing/fake-keyvault';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { PURGE_JOB_NAME } from './jobs';
import { keyVaultNameOf } from './keyvault-driver';

/** The module over SECRETS_DRIVER=keyvault: values go to the vault, names and history stay in the store. */
describe('secrets module on Key Vault', () => {
  let h: TestHarness;
  let vault: FakeKeyVault;
  beforeAll(async () => {
    vault = await startFakeKeyVault();
    h = await createTestHarness({
      config: {
        secrets: {
          driver: 'keyvault',
          keyvault: {
            vaultUrl: vault.url,
            credential: {
              getToken: async () => ({ token: vault.token, expiresOnTimestamp: Date.now() + 3_600_000 }),
            },
            agent: vault.agent,
            pollIntervalMs: 10,
            disableChallengeResourceVerification: true,
          },
        },
      },
    });
  });
  afterAll(async () => {
    await h.close();
    await vault.stop();
  });

  it('keeps values in the vault only, and versions, disabling, deletion and purge go through it', async () => {
    const root = await h.root();
    await root.caller.secrets.create({
      name: 'FCM_SERVICE_ACCOUNT_JSON',
      scope: 'platform',
      secretValue: '{"a":1}',
    });
    await root.caller.secrets.createVersion({
      name: 'FCM_SERVICE_ACCOUNT_JSON',
      scope: 'platform',
      secretValue: '{"a":2}',
    });
    const vaultName = keyVaultNameOf({ scope: '*', name: 'FCM_SERVICE_ACCOUNT_JSON' }).toLowerCase();
    expect(vault.secrets.get(vaultName)?.versions.map((v) => v.value)).toEqual(['{"a":1}', '{"a":2}']);
    expect(await h.store.container('secret_values').count()).toBe(0);
    expect(await h.services.secrets.resolve('FCM_SERVICE_ACCOUNT_JSON')).toBe('{"a":2}');

    await root.caller.secrets.disableVersion({
      name: 'FCM_SERVICE_ACCOUNT_JSON',
      scope: 'platform',
      version: 1,
    });
    expect(vault.secrets.get(vaultName)?.versions[0]?.attributes.enabled).toBe(false);
    const reveal = (version: number) =>
      root.caller.secrets.reveal({
        name: 'FCM_SERVICE_ACCOUNT_JSON',
        scope: 'platform',
        version,
        reason: 'keyvault path check',
      });
    expect((await trpcErrorOf(() => reveal(1))).code).toBe('CONFLICT');
    expect((await reveal(2)).secretValue).toBe('{"a":2}');

    await root.caller.secrets.delete({ name: 'FCM_SERVICE_ACCOUNT_JSON', scope: 'platform' });
    expect(vault.secrets.get(vaultName)?.deletedDate).toBeDefined();
    expect(await h.services.secrets.resolve('FCM_SERVICE_ACCOUNT_JSON')).toBeUndefined();
    await root.caller.secrets.recover({ name: 'FCM_SERVICE_ACCOUNT_JSON', scope: 'platform' });
    expect(vault.secrets.get(vaultName)?.deletedDate).toBeUndefined();
    expect(await h.services.secrets.resolve('FCM_SERVICE_ACCOUNT_JSON')).toBe('{"a":2}');

    await root.caller.secrets.delete({ name: 'FCM_SERVICE_ACCOUNT_JSON', scope: 'platform' });
    h.advance(8 * DAY_MS);
    const def = h.services.jobRegistry.get(PURGE_JOB_NAME);
    if (!def) throw new Error('no purge job');
    expect(await runJob(h, def)).toMatchObject({ purged: 1, failed: 0 });
    expect(vault.secrets.has(vaultName)).toBe(false);
    expect(vault.requests.some((r) => r.method === 'DELETE' && r.path.startsWith('/deletedsecrets/'))).toBe(
      true,
    );
    // Nothing to re-encrypt: the vault keeps its own keys.
    expect((await trpcErrorOf(() => root.caller.secrets.reencrypt())).code).toBe('CONFLICT');
    expect(await root.caller.secrets.getReencryption()).toMatchObject({ driver: 'keyvault', remaining: 0 });
  });
});
