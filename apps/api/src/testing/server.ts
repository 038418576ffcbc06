import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BlobStore } from '@bytelyst/db/blob';
import type { Clock, DocumentStore } from '@bytelyst/db/document-store';
import type { Migration } from '@bytelyst/db/migrations/definition';
import { bootstrapPlatform } from '@bytelyst/routers/bootstrap';
import type { ApiVersionRegistry } from '@bytelyst/routers/lib/api-versions';
import type { Services } from '@bytelyst/routers/services';
import { loopbackOnlyConnector } from '@bytelyst/routers/testing/loopback-connector';
import type { FastifyInstance } from 'fastify';
import { type Env, parseEnv } from '../env';
import { createPlatform } from '../platform';

export const TEST_ADMIN = { email: 'admin@bytelyst.test', password: 'correct-horse-battery-staple' };

/** A clock tests can move: starts at the real time, `advance(ms)` moves it forward. */
export const createTestClock = (start = Date.now()) => {
  let now = start;
  const clock: Clock = () => now;
  return {
    clock,
    advance: (ms: number): void => {
      now += ms;
    },
    set: (ms: number): void => {
      now = ms;
    },
  };
};

export type TestServer = {
  app: FastifyInstance;
  env: Env;
  store: DocumentStore;
  blob: BlobStore;
  services: Services;
  clock: ReturnType<typeof createTestClock>;
  dir: string;
  admin: typeof TEST_ADMIN;
  close(): Promise<void>;
};

/**
 * A complete API on real drivers in a temp folder (sqlite + fs by default; pass env such as DB_DRIVER=cosmos
 * with its endpoint for the others), with the default product and a known super admin. Not listening yet.
 */
export const createTestServer = async (
  opts: {
    env?: Record<string, string>;
    extraMigrations?: readonly Migration[];
    apiVersions?: ApiVersionRegistry;
  } = {},
): Promise<TestServer> => {
  const dir = await mkdtemp(path.join(tmpdir(), 'bytelyst-api-'));
  const env = parseEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: dir,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    PUBLIC_BASE_URL: 'http://127.0.0.1:4003',
    BOOTSTRAP_ADMIN_EMAIL: TEST_ADMIN.email,
    BOOTSTRAP_ADMIN_PASSWORD: TEST_ADMIN.password,
    ...opts.env,
  });
  const clock = createTestClock();
  const platform = await createPlatform(env, {
    clock: clock.clock,
    outboundConnect: loopbackOnlyConnector,
    ...(opts.extraMigrations ? { extraMigrations: opts.extraMigrations } : {}),
    ...(opts.apiVersions ? { apiVersions: opts.apiVersions } : {}),
  });
  const { app, store, blob, services } = platform;
  await bootstrapPlatform(services, { adminEmail: TEST_ADMIN.email, adminPassword: TEST_ADMIN.password });
  return {
    app,
    env,
    store,
    blob,
    services,
    clock,
    dir,
    admin: TEST_ADMIN,
    async close() {
      await app.close();
      await services.bus.stop();
      await store.close().catch(() => undefined);
      await blob.close?.().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
};
