import { startAzurite } from '@bytelyst/db/testing/azurite';
import { startCosmosServer } from '@bytelyst/db/testing/cosmos-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, rest, trpcQuery } from './testing/http';
import { createTestServer, type TestServer } from './testing/server';

/** The same server on the cloud drivers: Cosmos (its compatible server) and Azure Blob (Azurite), on loopback. */

let cosmos: Awaited<ReturnType<typeof startCosmosServer>>;
let azurite: Awaited<ReturnType<typeof startAzurite>>;
let t: TestServer;

beforeAll(async () => {
  [cosmos, azurite] = await Promise.all([startCosmosServer(), startAzurite()]);
  t = await createTestServer({
    env: {
      DB_DRIVER: 'cosmos',
      COSMOS_ENDPOINT: cosmos.endpoint,
      COSMOS_KEY: cosmos.key,
      COSMOS_DATABASE: 'api-test',
      BLOB_DRIVER: 'azure',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
    },
  });
}, 120_000);

afterAll(async () => {
  await t?.close();
  await Promise.allSettled([cosmos?.stop(), azurite?.stop()]);
});

describe('cosmos + azure blob', () => {
  it('uses the cloud drivers and is ready', async () => {
    expect(t.store.driver).toBe('cosmos');
    expect(t.blob.driver).toBe('azure');
    const res = await t.app.inject({ url: '/health/ready' });
    expect(res.statusCode, res.payload).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ready' });
  });

  it('logs in on REST and reads me on tRPC', async () => {
    const login = await rest(t.app, 'POST', '/auth/login', {
      body: { email: t.admin.email, password: t.admin.password },
    });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    const { accessToken } = login.body as { accessToken: string };
    const me = await trpcQuery(t.app, 'auth.getMine', undefined, accessToken);
    expect(me.status).toBe(200);
    expect((dataOf(me) as { email: string }).email).toBe(t.admin.email);
  });

  it('applied the platform migrations at start-up, recorded in the migrations container', async () => {
    const { items } = await t.services.migrations.list();
    expect(items.map((m) => [m.id, m.status])).toEqual([
      ['001_users_email_verified', 'applied'],
      ['002_products_settings', 'applied'],
      ['003_tracker_roadmap_fields', 'applied'],
    ]);
    const record = await t.store.container('migrations').read('001_users_email_verified', 'platform');
    expect(record).toMatchObject({ status: 'applied', attempts: 1 });
  });

  it('does not serve /blobs (azure signs its own URLs)', async () => {
    const res = await t.app.inject({ url: '/blobs/x/y?exp=1&sig=2' });
    expect(res.statusCode).toBe(404);
  });

  it('is 503 naming the store once cosmos is gone', async () => {
    await cosmos.stop();
    const res = await t.app.inject({ url: '/health/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ failed: ['store'] });
  });
});
