import { type AddressInfo, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStoreError } from '../document-store';
import { startAzurite } from '../testing/azurite';
import { createAzureBlobStore } from './azure-blob-store';
import { describeBlobStoreContract } from './blob-store-contract';

describeBlobStoreContract('azure (Azurite)', async (clock) => {
  const azurite = await startAzurite();
  return {
    store: createAzureBlobStore({ connectionString: azurite.connectionString, clock }),
    close: () => azurite.stop(),
  };
});

describe('azure blob store specifics', () => {
  let azurite: Awaited<ReturnType<typeof startAzurite>> | undefined;
  beforeAll(async () => {
    azurite = await startAzurite();
  });
  afterAll(async () => {
    await azurite?.stop();
  });

  it('signs a read-only SAS that expires at the injected clock and cannot write', async () => {
    const connectionString = azurite?.connectionString ?? '';
    const fixed = Date.UTC(2030, 0, 1);
    const store = createAzureBlobStore({ connectionString, clock: () => fixed });
    await store.put('sas-check', 'k.txt', 'v');
    const url = new URL(await store.signedUrl('sas-check', 'k.txt', { expiresInSeconds: 120 }));
    expect(url.searchParams.get('sp')).toBe('r');
    expect(url.searchParams.get('se')).toBe('2030-01-01T00:02:00Z');
    const write = await fetch(url, { method: 'PUT', body: 'x', headers: { 'x-ms-blob-type': 'BlockBlob' } });
    expect(write.status).toBe(403);
  });

  it('signs a create/write-only upload SAS that expires at the injected clock', async () => {
    const connectionString = azurite?.connectionString ?? '';
    const fixed = Date.UTC(2030, 0, 1);
    const store = createAzureBlobStore({ connectionString, clock: () => fixed });
    const up = await store.signedUploadUrl('sas-upload', 'users/u1/a.png', {
      expiresInSeconds: 900,
      contentType: 'image/png',
      maxBytes: 10,
    });
    const url = new URL(up.url);
    expect(url.searchParams.get('sp')).toBe('cw');
    expect(url.searchParams.get('se')).toBe('2030-01-01T00:15:00Z');
    expect(up.expiresAt).toBe('2030-01-01T00:15:00.000Z');
    expect(up.headers).toEqual({ 'x-ms-blob-type': 'BlockBlob', 'content-type': 'image/png' });
    const res = await fetch(up.url, { method: 'PUT', headers: up.headers, body: 'png' });
    expect(res.status).toBe(201);
    expect(await store.head('sas-upload', 'users/u1/a.png')).toMatchObject({
      size: 3,
      contentType: 'image/png',
    });
  });

  it('refuses connection strings without an account key', () => {
    let error: unknown;
    try {
      createAzureBlobStore({
        connectionString: 'BlobEndpoint=http://127.0.0.1:1/acct;SharedAccessSignature=sv=x',
      });
    } catch (e) {
      error = e;
    }
    expect(isStoreError(error, 'invalid')).toBe(true);
  });

  it('reports an unreachable endpoint as unavailable', async () => {
    // A loopback port that was just free: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const connectionString = (azurite?.connectionString ?? '').replace(
      /127\.0\.0\.1:\d+/,
      `127.0.0.1:${port}`,
    );
    const error = await createAzureBlobStore({ connectionString })
      .ping()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isStoreError(error, 'unavailable')).toBe(true);
  });

  it('stops Azurite by pid, idempotently', async () => {
    const pid = azurite?.pid ?? -1;
    expect(() => process.kill(pid, 0)).not.toThrow();
    await azurite?.stop();
    await azurite?.stop();
    expect(() => process.kill(pid, 0)).toThrow();
  });
});
