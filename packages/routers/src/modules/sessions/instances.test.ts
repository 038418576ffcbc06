import type { DocumentStore } from '@bytelyst/db/document-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CONTAINERS, createServices, type Services } from '../../services';
import { createTestHarness, TEST_PASSWORD, type TestHarness } from '../../testing/harness';
import { authenticateRequest } from '../auth/authenticate';
import { SESSIONS_CONTAINERS } from './containers';
import type { SessionDoc } from './repository';

const PRODUCT = 'platform';
const CACHE_TTL_MS = 30_000;
const UA =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 Chrome/120.0.0.0 Safari/537.36';

/**
 * Two API instances over one store (two handles on the same sqlite file, each with its own services and
 * principal cache), as a scaled-out deployment runs them.
 */
describe('sessions across two instances', () => {
  let h: TestHarness;
  let storeB: DocumentStore;
  let b: Services;
  let n = 0;
  beforeAll(async () => {
    h = await createTestHarness({ config: { sessionCacheTtlMs: CACHE_TTL_MS } });
    storeB = h.openStore();
    await storeB.init(ALL_CONTAINERS);
    b = createServices({
      store: storeB,
      blob: h.services.blob,
      clock: h.clock,
      config: { ...h.services.config, instanceId: 'api-b' },
    });
  });
  afterAll(async () => {
    await b.bus.stop();
    await storeB.close();
    await h.close();
  });

  const a = () => h.services;
  const signIn = async () => {
    n += 1;
    const user = await a().users.create(PRODUCT, {
      email: `instances-${n}@example.com`,
      name: 'Two Instances',
      password: TEST_PASSWORD,
      roles: ['user'],
    });
    const auth = await a().auth.login(
      PRODUCT,
      { email: user.email, password: TEST_PASSWORD },
      { ip: '127.0.0.1', userAgent: UA },
    );
    const sessionId = (await authenticateRequest(a(), `Bearer ${auth.accessToken}`))?.principal.sessionId;
    return { user, auth, sessionId: sessionId ?? '' };
  };
  const accepts = async (services: Services, accessToken: string) =>
    (await authenticateRequest(services, `Bearer ${accessToken}`)) !== undefined;

  it('a revocation applies at once where it was made and within SESSION_CACHE_TTL_MS on the other', async () => {
    const { user, auth, sessionId } = await signIn();
    expect(await accepts(b, auth.accessToken)).toBe(true); // instance B now trusts it for CACHE_TTL_MS

    await a().sessions.revokeMine(user.id, sessionId);
    expect(await accepts(a(), auth.accessToken)).toBe(false);
    expect(await accepts(b, auth.accessToken)).toBe(true);
    // The refresh token is checked against the store, never a cache: dead everywhere at once.
    await expect(b.auth.refresh(auth.refreshToken, { ip: '127.0.0.1', userAgent: UA })).rejects.toMatchObject(
      { code: 'UNAUTHORIZED' },
    );

    h.advance(CACHE_TTL_MS - 1);
    expect(await accepts(b, auth.accessToken)).toBe(true);
    h.advance(1);
    expect(await accepts(b, auth.accessToken)).toBe(false);
  });

  it('marks lastActiveAt once per minute across instances, though both see requests', async () => {
    const { user, auth, sessionId } = await signIn();
    const read = () =>
      h.store.container<SessionDoc>(SESSIONS_CONTAINERS.sessions.name).read(sessionId, user.id);
    h.advance(50_000);
    expect(await accepts(a(), auth.accessToken)).toBe(true);
    expect(await accepts(b, auth.accessToken)).toBe(true);
    await Promise.all([a().sessions.activitySettled(), b.sessions.activitySettled()]);
    const untouched = await read();
    expect(untouched?.lastActiveAt).toBe(untouched?.createdAt);

    // Both caches still hold the session; each instance's own memory says a mark is due.
    h.advance(11_000);
    await accepts(a(), auth.accessToken);
    await a().sessions.activitySettled();
    const marked = await read();
    expect(marked?.lastActiveAt).toBe(new Date(h.clock()).toISOString());
    await accepts(b, auth.accessToken);
    await b.sessions.activitySettled();
    expect((await read())?._etag).toBe(marked?._etag);
  });
});
