import { mkdirSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import type { BlobStore } from '@bytelyst/db/blob';
import { createAzureBlobStore } from '@bytelyst/db/blob-azure';
import { createFsBlobStore } from '@bytelyst/db/blob-fs';
import { createCosmosStore } from '@bytelyst/db/cosmos';
import type { Clock, ContainerDef, DocumentStore } from '@bytelyst/db/document-store';
import { createSqliteStore } from '@bytelyst/db/sqlite';
import { ALL_CONTAINERS } from '@bytelyst/routers/services';
import type { Env } from './env';

export type Drivers = { store: DocumentStore; blob: BlobStore };

const createStore = (env: Env, clock: Clock): DocumentStore => {
  if (env.DB_DRIVER === 'cosmos') {
    // env.ts guarantees both when DB_DRIVER=cosmos; the check keeps the types honest.
    if (!env.COSMOS_ENDPOINT || !env.COSMOS_KEY)
      throw new Error('COSMOS_ENDPOINT and COSMOS_KEY are required');
    const plainHttp = env.COSMOS_ENDPOINT.startsWith('http:');
    return createCosmosStore({
      endpoint: env.COSMOS_ENDPOINT,
      key: env.COSMOS_KEY,
      database: env.COSMOS_DATABASE,
      clock,
      // Only for this endpoint (the emulator's certificate), never process-wide.
      ...(env.COSMOS_ALLOW_SELF_SIGNED ? { agent: new https.Agent({ rejectUnauthorized: false }) } : {}),
      ...(plainHttp ? { disableEndpointDiscovery: true } : {}),
    });
  }
  if (env.SQLITE_PATH === ':memory:') return createSqliteStore({ path: env.SQLITE_PATH, clock });
  mkdirSync(path.dirname(path.resolve(env.SQLITE_PATH)), { recursive: true });
  // A server writes all day: checkpoints on a worker thread keep them out of request and bus latency.
  return createSqliteStore({ path: env.SQLITE_PATH, clock, checkpoints: 'background' });
};

const createBlob = (env: Env, clock: Clock, signingSecret: string): BlobStore => {
  if (env.BLOB_DRIVER === 'azure') {
    if (!env.AZURE_STORAGE_CONNECTION_STRING) throw new Error('AZURE_STORAGE_CONNECTION_STRING is required');
    return createAzureBlobStore({ connectionString: env.AZURE_STORAGE_CONNECTION_STRING, clock });
  }
  mkdirSync(env.BLOB_FS_ROOT, { recursive: true });
  return createFsBlobStore({
    root: env.BLOB_FS_ROOT,
    signingSecret,
    publicBaseUrl: env.PUBLIC_BASE_URL,
    clock,
  });
};

/** Store and blob drivers chosen by env, with every container of the catalogue created. */
export const createDrivers = async (
  env: Env,
  opts: { clock: Clock; blobSigningSecret: string; extraContainers?: readonly ContainerDef[] },
): Promise<Drivers> => {
  const store = createStore(env, opts.clock);
  try {
    await store.init([...ALL_CONTAINERS, ...(opts.extraContainers ?? [])]);
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return { store, blob: createBlob(env, opts.clock, opts.blobSigningSecret) };
};
