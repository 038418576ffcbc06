import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import type { Connector } from './outbound';

/**
 * Provider management with the production defaults (SSO_ISSUER_NETWORK=public, no http issuers). Names resolve
 * through an injected resolver and the injected connector records and refuses every connection, so nothing
 * here can reach a network; the sign-in flows against a real provider are in apps/api/src/sso.test.ts.
 */

/** The call's tRPC error code and message, as a client gets them. */
const expectAppError = async (call: Promise<unknown>, code: string, message?: RegExp) => {
  const error = await trpcErrorOf(() => call);
  expect(error.code, error.message).toBe(code);
  if (message) expect(error.message).toMatch(message);
};

const DNS: Record<string, string> = {
  'idp.example.test': '93.184.216.34',
  'internal.example.test': '10.20.30.40',
};

describe('SSO providers (public network, https only)', () => {
  let h: TestHarness;
  const attempts: string[] = [];
  const connect: Connector = (target) => {
    attempts.push(`${target.address}:${target.port}`);
    throw new Error('test connector: no connection is ever made');
  };
  const admin = async () => (await h.signIn(['admin'])).caller;

  beforeAll(async () => {
    h = await createTestHarness({
      config: {
        sso: {
          resolve: async (hostname) => {
            const address = DNS[hostname];
            if (!address) throw new Error(`ENOTFOUND ${hostname}`);
            return [{ address, family: 4 }];
          },
          connect,
          defaultRedirectUri: 'https://console.example.test/api/sso/callback',
        },
      },
    });
  });
  afterAll(async () => h.close());

  it('refuses an http:// issuer unless the operator allows it', async () => {
    const caller = await admin();
    await expectAppError(
      caller.sso.providers.create({ name: 'Plain', issuer: 'http://idp.example.test', clientId: 'c' }),
      'BAD_REQUEST',
      /https/,
    );
    await expectAppError(
      caller.sso.providers.discover({ issuer: 'http://127.0.0.1:8080' }),
      'BAD_REQUEST',
      /https/,
    );
  });

  it('refuses to discover an issuer on loopback or a private address, before connecting', async () => {
    const caller = await admin();
    for (const issuer of [
      'https://127.0.0.1:8443',
      'https://internal.example.test',
      'https://169.254.169.254',
    ]) {
      await expectAppError(caller.sso.providers.discover({ issuer }), 'BAD_REQUEST', /does not allow/);
    }
    expect(attempts).toEqual([]);
  });

  it('connects only to the public address it checked', async () => {
    const caller = await admin();
    await expectAppError(
      caller.sso.providers.discover({ issuer: 'https://idp.example.test/realms/acme' }),
      'BAD_REQUEST',
      /could not be reached/,
    );
    expect(attempts.splice(0)).toEqual(['93.184.216.34:443']);
  });

  it('creates, updates and deletes a provider: secret write-only, default redirect URI, events staged', async () => {
    const caller = await admin();
    const created = await caller.sso.providers.create({
      name: 'Acme',
      issuer: 'https://idp.example.test',
      clientId: 'acme-client',
    });
    expect(created).toMatchObject({
      hasClientSecret: false,
      redirectUris: ['https://console.example.test/api/sso/callback'],
      allowedDomains: [],
      enabled: true,
    });
    const withSecret = await caller.sso.providers.update({ id: created.id, clientSecret: 's3cret-value' });
    expect(withSecret.hasClientSecret).toBe(true);
    expect(JSON.stringify(withSecret)).not.toContain('s3cret-value');
    const unchanged = await caller.sso.providers.update({ id: created.id, name: 'Acme' });
    expect(unchanged.updatedAt).toBe(withSecret.updatedAt);
    const cleared = await caller.sso.providers.update({ id: created.id, clientSecret: null });
    expect(cleared.hasClientSecret).toBe(false);
    await expectAppError(caller.sso.providers.update({ id: created.id, redirectUris: [] }), 'BAD_REQUEST');
    expect(await caller.sso.providers.delete({ id: created.id })).toEqual({ id: created.id, deleted: true });
    await expectAppError(caller.sso.providers.get({ id: created.id }), 'NOT_FOUND');

    const events = await h.store
      .container<{ id: string; type: string; data: { providerId?: string } }>('events')
      .query({ where: { type: { startsWith: 'sso_provider.' } }, limit: 100 });
    const types = events.items
      .filter((event) => event.data.providerId === created.id)
      .map((event) => event.type);
    expect(types.sort()).toEqual([
      'sso_provider.created',
      'sso_provider.deleted',
      'sso_provider.updated',
      'sso_provider.updated',
    ]);
  });

  it('answers a start for a provider it cannot reach with a 503, and stores no state', async () => {
    const caller = await admin();
    const provider = await caller.sso.providers.create({
      name: 'Far',
      issuer: 'https://idp.example.test',
      clientId: 'far',
    });
    const anonymous = await h.anonymous();
    await expectAppError(
      anonymous.sso.start({
        providerId: provider.id,
        redirectUri: 'https://console.example.test/api/sso/callback',
      }),
      'SERVICE_UNAVAILABLE',
      /cannot be reached|could not be reached/,
    );
    expect(attempts.splice(0)).toEqual(['93.184.216.34:443']);
    expect(await h.store.container('sso_states').count()).toBe(0);
  });
});
