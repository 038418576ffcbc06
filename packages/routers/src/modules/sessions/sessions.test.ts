import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../../root';
import { createTestHarness, TEST_PASSWORD, type TestHarness } from '../../testing/harness';
import type { TRole } from '../users/schema';
import { SESSIONS_CONTAINERS } from './containers';
import type { KnownDeviceDoc, SessionDoc } from './repository';

const PRODUCT = 'platform';
const CHROME_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const CHROME_MAC_NEXT = CHROME_MAC.replace('Chrome/120.0.0.0', 'Chrome/121.0.6167.85');
const FIREFOX_WIN = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0';

describe('sessions', () => {
  let h: TestHarness;
  let n = 0;
  beforeAll(async () => {
    h = await createTestHarness();
  });
  afterAll(async () => h.close());

  const newUser = async (roles: TRole[] = ['user']) => {
    n += 1;
    return h.services.users.create(PRODUCT, {
      email: `sessions-${n}@example.com`,
      name: `Session User ${n}`,
      password: TEST_PASSWORD,
      roles,
    });
  };
  const login = (email: string, userAgent: string, extra: { deviceId?: string; platform?: 'ios' } = {}) =>
    h.services.auth.login(
      PRODUCT,
      { email, password: TEST_PASSWORD, ...extra },
      { ip: '203.0.113.7', userAgent },
    );
  const callerOf = async (accessToken: string) => createCaller(await h.contextFor({ bearer: accessToken }));
  const sessionIdOf = async (accessToken: string) =>
    (await (await callerOf(accessToken)).auth.getMine()).sessionId ?? '';
  const storedSession = (userId: string, id: string) =>
    h.store.container<SessionDoc>(SESSIONS_CONTAINERS.sessions.name).read(id, userId);

  it('lists the caller’s live sessions with the client parsed once, the current one marked and first', async () => {
    const user = await newUser();
    const mac = await login(user.email, CHROME_MAC);
    h.advance(1000);
    const phone = await login(user.email, 'LysnrAI/2.3 (iPhone; iOS 17.4; Scale/3.00)', {
      platform: 'ios',
      deviceId: 'iphone-15-ada',
    });
    const other = await newUser();
    await login(other.email, CHROME_MAC);

    const { items } = await (await callerOf(phone.accessToken)).sessions.listMine();
    expect(items.map((s) => [s.platform, s.deviceId, s.current])).toEqual([
      ['ios', 'iphone-15-ada', true],
      ['web', null, false],
    ]);
    expect(items[1]).toMatchObject({
      id: await sessionIdOf(mac.accessToken),
      userId: user.id,
      browser: 'Chrome',
      browserVersion: '120',
      os: 'macOS',
      osVersion: 'Catalina',
      ipAddress: '203.0.113.7',
      userAgent: CHROME_MAC,
      status: 'active',
      licenseDevice: null,
    });
    expect(items.every((s) => s.userId === user.id)).toBe(true);
  });

  it('links a session to the license activation of the same device id', async () => {
    const user = await newUser();
    const root = await h.root();
    const { key, item } = await root.caller.licenses.create({ userId: user.id, maxDevices: 2 });
    await h.services.licenses.activate(PRODUCT, { key, deviceId: 'studio-mac', deviceName: 'Studio Mac' });
    const signedIn = await login(user.email, CHROME_MAC, { deviceId: 'studio-mac' });
    const { items } = await (await callerOf(signedIn.accessToken)).sessions.listMine();
    expect(items.map((s) => s.licenseDevice)).toEqual([{ licenseId: item.id, deviceName: 'Studio Mac' }]);
  });

  it('ends one of the caller’s sessions at once on this instance, kills its refresh token, and 404s another user’s', async () => {
    const user = await newUser();
    const first = await login(user.email, CHROME_MAC);
    const second = await login(user.email, CHROME_MAC);
    const stranger = await login((await newUser()).email, CHROME_MAC);
    const secondId = await sessionIdOf(second.accessToken);
    const mine = await callerOf(first.accessToken);

    await expect(
      (await callerOf(stranger.accessToken)).sessions.revokeMine({ id: secondId }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await storedSession(user.id, secondId))?.revokedAt).toBeUndefined();

    expect(await mine.sessions.revokeMine({ id: secondId })).toEqual({ revoked: 1 });
    // The bearer was accepted (and cached) a moment ago; revoked, it is anonymous on the next request.
    await expect((await callerOf(second.accessToken)).auth.getMine()).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    await expect(
      h.services.auth.refresh(second.refreshToken, { ip: '203.0.113.7', userAgent: CHROME_MAC }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await storedSession(user.id, secondId)).toMatchObject({ revokeReason: 'revoked_by_user' });
    expect((await mine.sessions.listMine()).items.map((s) => s.current)).toEqual([true]);
  });

  it('signs out everywhere else with keepCurrent, and everywhere without it', async () => {
    const user = await newUser();
    const a = await login(user.email, CHROME_MAC);
    const b = await login(user.email, CHROME_MAC);
    const c = await login(user.email, CHROME_MAC);
    const callerA = await callerOf(a.accessToken);

    expect(await callerA.sessions.revokeAllMine({ keepCurrent: true })).toEqual({ revoked: 2 });
    expect((await callerA.sessions.listMine()).items.map((s) => s.id)).toEqual([
      await sessionIdOf(a.accessToken),
    ]);
    await expect((await callerOf(b.accessToken)).auth.getMine()).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    await expect((await callerOf(c.accessToken)).auth.getMine()).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });

    expect(await callerA.sessions.revokeAllMine()).toEqual({ revoked: 1 });
    await expect((await callerOf(a.accessToken)).auth.getMine()).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });

  it('lets an admin list a user’s sessions (ended ones after the live) and force-revoke one or all, audited', async () => {
    const user = await newUser();
    const a = await login(user.email, CHROME_MAC);
    h.advance(1000);
    const b = await login(user.email, FIREFOX_WIN);
    h.advance(1000);
    const c = await login(user.email, CHROME_MAC);
    const aId = await sessionIdOf(a.accessToken);
    const bId = await sessionIdOf(b.accessToken);
    const cId = await sessionIdOf(c.accessToken);
    const admin = await h.signIn(['admin']);

    expect(await admin.caller.sessions.revoke({ userId: user.id, sessionId: bId })).toEqual({ revoked: 1 });
    const listed = await admin.caller.sessions.listByUser({ userId: user.id });
    expect(listed.items.map((s) => [s.id, s.status, s.current])).toEqual([
      [cId, 'active', false],
      [aId, 'active', false],
      [bId, 'revoked', false],
    ]);
    expect(listed.items[2]).toMatchObject({ browser: 'Firefox', os: 'Windows', revokeReason: 'admin' });

    expect(await admin.caller.sessions.revokeAll({ userId: user.id })).toEqual({ revoked: 2 });
    for (const s of [a, c]) {
      await expect((await callerOf(s.accessToken)).auth.getMine()).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
    }
    await expect(
      admin.caller.sessions.revoke({ userId: user.id, sessionId: 'no-such-session' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await h.services.bus.drain();
    const audit = await admin.caller.audit.list({ targetId: user.id });
    expect(audit.items.map((e) => e.action).sort()).toEqual(['sessions.revoke', 'sessions.revokeAll']);
  });

  it('keeps an admin of another product away from the user’s sessions', async () => {
    const user = await newUser();
    const signedIn = await login(user.email, CHROME_MAC);
    await (await h.root()).caller.products.create({ id: 'other-sessions', name: 'Other', status: 'active' });
    const outsider = await h.signIn(['admin'], { productId: 'other-sessions' });
    expect((await outsider.caller.sessions.listByUser({ userId: user.id })).items).toEqual([]);
    await expect(
      outsider.caller.sessions.revoke({
        userId: user.id,
        sessionId: await sessionIdOf(signedIn.accessToken),
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await outsider.caller.sessions.revokeAll({ userId: user.id })).toEqual({ revoked: 0 });
    expect((await (await callerOf(signedIn.accessToken)).auth.getMine()).id).toBe(user.id);
  });

  it('writes lastActiveAt from requests at most once a minute, never on the request in between', async () => {
    const user = await newUser();
    const signedIn = await login(user.email, CHROME_MAC);
    const id = await sessionIdOf(signedIn.accessToken);
    const createdAt = (await storedSession(user.id, id))?.lastActiveAt;
    const request = async () => {
      await (await callerOf(signedIn.accessToken)).auth.getMine();
      await h.services.sessions.activitySettled();
      return storedSession(user.id, id);
    };

    h.advance(30_000);
    const early = await request();
    expect(early?.lastActiveAt).toBe(createdAt);
    h.advance(31_000);
    const due = await request();
    expect(due?.lastActiveAt).toBe(new Date(h.clock()).toISOString());
    // Within the next minute, many requests and not one write: the document is byte for byte the same.
    for (let i = 0; i < 5; i += 1) {
      h.advance(10_000);
      expect((await request())?._etag).toBe(due?._etag);
    }
    h.advance(15_000);
    expect((await request())?.lastActiveAt).toBe(new Date(h.clock()).toISOString());
  });

  it('refreshes parse a changed user agent again and keep the rest of the session', async () => {
    const user = await newUser();
    const signedIn = await login(user.email, CHROME_MAC);
    const refreshed = await h.services.auth.refresh(signedIn.refreshToken, {
      ip: '198.51.100.4',
      userAgent: CHROME_MAC_NEXT,
    });
    const id = await sessionIdOf(refreshed.accessToken);
    expect(await storedSession(user.id, id)).toMatchObject({
      browser: 'Chrome',
      browserVersion: '121',
      ipAddress: '198.51.100.4',
      userAgent: CHROME_MAC_NEXT,
    });
  });

  it('remembers devices apart from sessions, and forgets them with the user', async () => {
    const user = await newUser();
    await login(user.email, CHROME_MAC);
    await login(user.email, CHROME_MAC, { deviceId: 'desk-1' });
    const devices = h.store.container<KnownDeviceDoc>(SESSIONS_CONTAINERS.knownDevices.name);
    const known = await devices.query({ partitionKey: user.id, limit: 10 });
    expect(known.items.map((d) => d.deviceKey).sort()).toEqual(['client:web|chrome|macos', 'device:desk-1']);
    await h.services.sessions.purgeEnded(new Date(h.clock() + 400 * 86_400_000).toISOString());
    expect((await devices.query({ partitionKey: user.id, limit: 10 })).items).toHaveLength(2);
    await h.services.sessions.deleteAll(user.id);
    expect((await devices.query({ partitionKey: user.id, limit: 10 })).items).toEqual([]);
  });
});
