import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFsBlobStore } from '@bytelyst/db/blob-fs';
import { createCosmosStore } from '@bytelyst/db/cosmos';
import { createSqliteStore } from '@bytelyst/db/sqlite';
import { startCosmosServer } from '@bytelyst/db/testing/cosmos-server';
import { bootstrapPlatform } from '../bootstrap';
import { type Context, createContextFactory } from '../context';
import type { TRole } from '../modules/users/schema';
import { createCaller } from '../root';
import { ALL_CONTAINERS, createServices, type ServiceConfig } from '../services';
import { loopbackOnlyConnector } from './loopback-connector';

export const ROOT_EMAIL = 'root@example.com';
export const ROOT_PASSWORD = 'root-password-1234';
export const TEST_PASSWORD = 'correct-horse-battery';

let counter = 0;
let requestCounter = 0;

/**
 * A real platform over sqlite in a temp folder: services, a movable clock, and callers acting as an
 * anonymous visitor or as a freshly signed-in user of any role. Call `close()` in afterAll.
 */
export type HarnessOptions = {
  defaultProductId?: string;
  /** Merged over the test defaults (e.g. billing's Stripe settings). */
  config?: Partial<ServiceConfig>;
  random?: () => number;
  /** The store's driver; default sqlite, or cosmos when ROUTERS_TEST_DRIVER=cosmos. */
  driver?: 'sqlite' | 'cosmos';
};

export const createTestHarness = async (opts: HarnessOptions = {}) => {
  const dir = await mkdtemp(join(tmpdir(), 'routers-test-'));
  let now = Date.parse('2026-06-01T12:00:00.000Z');
  const clock = () => now;
  const driver = opts.driver ?? (process.env.ROUTERS_TEST_DRIVER === 'cosmos' ? 'cosmos' : 'sqlite');
  const cosmos = driver === 'cosmos' ? await startCosmosServer() : undefined;
  const database = `routers-${counter++}-${Date.now()}`;
  // Opt-in: ROUTERS_TEST_DRIVER=cosmos runs the same suites on the Cosmos-compatible server (a suite may ask for it).
  const openStore = () =>
    cosmos
      ? createCosmosStore({ ...cosmos, database, clock })
      : createSqliteStore({ path: join(dir, 'store.sqlite'), clock });
  const store = openStore();
  await store.init(ALL_CONTAINERS);
  const blob = createFsBlobStore({
    root: join(dir, 'blobs'),
    signingSecret: 'test-signing-secret',
    publicBaseUrl: 'http://127.0.0.1/blobs',
    clock,
  });
  const services = createServices({
    store,
    blob,
    clock,
    config: {
      jwtSecret: 'test-jwt-secret-at-least-32-characters!',
      accessTokenTtlSeconds: 900,
      sessionTtlDays: 30,
      defaultProductId: opts.defaultProductId ?? 'platform',
      // Webhook receivers in tests live on loopback; the guard's connect step refuses anything else.
      webhooks: { allowedCidrs: ['127.0.0.0/8'], connect: loopbackOnlyConnector },
      ...opts.config,
    },
    ...(opts.random ? { random: opts.random } : {}),
  });
  await bootstrapPlatform(services, { adminEmail: ROOT_EMAIL, adminPassword: ROOT_PASSWORD });
  const createContext = createContextFactory(services);

  const contextFor = (o: { bearer?: string; productId?: string; ip?: string } = {}): Promise<Context> => {
    requestCounter += 1;
    return createContext({
      headers: {
        ...(o.bearer ? { authorization: `Bearer ${o.bearer}` } : {}),
        ...(o.productId ? { 'x-product-id': o.productId } : {}),
        'user-agent': 'vitest',
      },
      ip: o.ip ?? '127.0.0.1',
      requestId: `req-${requestCounter}`,
    });
  };

  const anonymous = async (productId?: string) => createCaller(await contextFor({ productId }));

  /** Creates a user with `roles` in `productId` (default product), signs them in, and returns a caller. */
  const signIn = async (roles: TRole[], o: { productId?: string; email?: string } = {}) => {
    const productId = o.productId ?? services.config.defaultProductId;
    counter += 1;
    const email = o.email ?? `${roles.join('-')}-${counter}@example.com`;
    const user = await services.users.create(productId, {
      email,
      name: `Test ${counter}`,
      password: TEST_PASSWORD,
      roles,
    });
    const auth = await services.auth.login(
      productId,
      { email, password: TEST_PASSWORD },
      { ip: '127.0.0.1', userAgent: 'vitest' },
    );
    const ctx = await contextFor({ bearer: auth.accessToken, productId });
    return { user, auth, ctx, caller: createCaller(ctx) };
  };

  const callerFor = async (role: TRole | 'anonymous', o: { productId?: string } = {}) =>
    role === 'anonymous' ? anonymous(o.productId) : (await signIn([role], o)).caller;

  return {
    dir,
    store,
    /** A second handle on the same data, as another API instance would have (caller closes it). */
    openStore,
    services,
    clock,
    advance: (ms: number) => {
      now += ms;
    },
    createContext,
    contextFor,
    anonymous,
    signIn,
    callerFor,
    /** Signs in as the bootstrap super_admin. */
    root: async () => {
      const auth = await services.auth.login(
        services.config.defaultProductId,
        { email: ROOT_EMAIL, password: ROOT_PASSWORD },
        { ip: '10.0.0.1', userAgent: 'vitest' },
      );
      const ctx = await contextFor({ bearer: auth.accessToken, ip: '10.0.0.1' });
      return { auth, ctx, caller: createCaller(ctx) };
    },
    close: async () => {
      await services.jobRunner.stop();
      for (const worker of services.workers) await worker.stop();
      await services.bus.stop();
      await store.close();
      await cosmos?.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
};

export type TestHarness = Awaited<ReturnType<typeof createTestHarness>>;
