import { afterEach, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from './testing/server';

const ROOT_ACTOR = { userId: 'root', roles: ['super_admin' as const] };

describe('integration keys from platform-wide secrets', () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });

  /** A first start stores the secrets; the second starts over the same data folder with `env`. */
  const restartWithStored = async (env: Record<string, string>) => {
    const first = await createTestServer();
    for (const [name, value] of [
      ['STRIPE_SECRET_KEY', 'sk_test_from_store'],
      ['SENDGRID_API_KEY', 'SG.from_store'],
      ['APNS_KEY', '-----BEGIN PRIVATE KEY-----\nstored\n-----END PRIVATE KEY-----'],
    ] as const) {
      await first.services.secrets.create(first.env.DEFAULT_PRODUCT_ID, ROOT_ACTOR, {
        name,
        scope: 'platform',
        description: '',
        secretValue: value,
        expiresAt: null,
      });
    }
    await first.app.close();
    await first.store.close();
    const second = await createTestServer({ env: { DATA_DIR: first.dir, ...env } });
    // Closed in this order: the second runs on the first's data folder, which the first's close removes.
    servers.push(second, first);
    return second;
  };

  it('gives an integration the stored value when its env var is unset', async () => {
    const server = await restartWithStored({});
    expect(server.services.config.billing?.stripeSecretKey).toBe('sk_test_from_store');
    expect(server.services.config.delivery?.email?.sendgrid?.apiKey).toBe('SG.from_store');
    expect(server.services.config.delivery?.push?.apns?.privateKey).toContain('stored');
    expect(server.services.config.billing?.stripeWebhookSecret).toBeUndefined();
  });

  it('starts a driver whose key is only in the store, and refuses to start when it is in neither', async () => {
    const server = await restartWithStored({ EMAIL_DRIVER: 'sendgrid' });
    expect(server.services.config.delivery?.email?.driver).toBe('sendgrid');
    expect(server.services.config.delivery?.email?.sendgrid?.apiKey).toBe('SG.from_store');
    await expect(createTestServer({ env: { PUSH_DRIVER: 'fcm' } })).rejects.toThrow(
      /FCM_SERVICE_ACCOUNT_JSON is required when PUSH_DRIVER=fcm: set it, or store a platform-wide secret/,
    );
  });

  it('lets env win when both are set', async () => {
    const server = await restartWithStored({ STRIPE_SECRET_KEY: 'sk_test_from_env' });
    expect(server.services.config.billing?.stripeSecretKey).toBe('sk_test_from_env');
    expect(server.services.config.delivery?.email?.sendgrid?.apiKey).toBe('SG.from_store');
  });
});
