import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shapeOf, trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { NOTIFICATIONS_CONTAINERS } from './containers';
import type { DeviceDoc } from './repository';
import type { TRegisterDeviceInput } from './schema';

type Signed = Awaited<ReturnType<TestHarness['signIn']>>;

const device = (over: Partial<TRegisterDeviceInput> = {}): TRegisterDeviceInput => ({
  deviceId: 'phone-1',
  platform: 'ios',
  pushToken: 'apns-token-aaaaaa',
  appVersion: '3.1.0',
  locale: 'de-DE',
  timeZone: 'Europe/Berlin',
  ...over,
});

describe('notification devices', () => {
  let h: TestHarness;
  let admin: Signed;
  beforeAll(async () => {
    h = await createTestHarness();
    admin = await h.signIn(['admin']);
  });
  afterAll(async () => h.close());

  const events = async (type: string) => {
    await h.services.bus.drain();
    const page = await admin.caller.events.list({ type, limit: 200 });
    return Promise.all(page.items.map(async (e) => (await admin.caller.events.get({ id: e.id })).data));
  };

  it('registers and refreshes a device, keeping the token secret', async () => {
    const user = await h.signIn(['user']);
    const first = await user.caller.notifications.registerDevice(device());
    expect(first).toMatchObject({
      deviceId: 'phone-1',
      userId: user.user.id,
      hasPushToken: true,
      pushTokenSuffix: 'aaaaaa',
      locale: 'de-DE',
      timeZone: 'Europe/Berlin',
    });
    expect(JSON.stringify(first)).not.toContain('apns-token');
    h.advance(60_000);
    const again = await user.caller.notifications.registerDevice(
      device({ appVersion: '3.2.0', pushToken: undefined, timeZone: 'America/New_York' }),
    );
    expect(again).toMatchObject({ appVersion: '3.2.0', hasPushToken: true, createdAt: first.createdAt });
    expect(again.lastSeenAt > first.lastSeenAt).toBe(true);
    await user.caller.notifications.registerDevice(
      device({ deviceId: 'laptop', platform: 'macos', pushToken: null }),
    );
    const mine = await user.caller.notifications.listMine();
    expect(mine.items.map((d) => d.deviceId)).toEqual(['laptop', 'phone-1']);
    expect(mine.items[0]?.hasPushToken).toBe(false);
    expect(await events('device.registered')).toContainEqual({
      userId: user.user.id,
      deviceId: 'phone-1',
      platform: 'ios',
      created: true,
    });
  });

  it('validates the time zone, locale and ids, naming the field', async () => {
    const user = await h.signIn(['user']);
    for (const [input, field] of [
      [device({ timeZone: 'Mars/Olympus' }), 'timeZone'],
      [device({ timeZone: '+02:00' }), 'timeZone'],
      [device({ locale: 'not a locale!' }), 'locale'],
      [device({ deviceId: 'has spaces' }), 'deviceId'],
      [device({ platform: 'palm' as 'ios' }), 'platform'],
    ] as const) {
      const error = await trpcErrorOf(() => user.caller.notifications.registerDevice(input));
      expect(error.code).toBe('BAD_REQUEST');
      expect(JSON.stringify(shapeOf(error))).toContain(`"${field}"`);
    }
    expect((await user.caller.notifications.registerDevice(device({ timeZone: 'UTC' }))).timeZone).toBe(
      'UTC',
    );
  });

  it("takes a push token from another user's device when it moves", async () => {
    const alice = await h.signIn(['user']);
    const bob = await h.signIn(['user']);
    await alice.caller.notifications.registerDevice(
      device({ deviceId: 'shared-ipad', pushToken: 'tok-moving' }),
    );
    await bob.caller.notifications.registerDevice(
      device({ deviceId: 'shared-ipad', pushToken: 'tok-moving' }),
    );
    expect((await alice.caller.notifications.listMine()).items[0]).toMatchObject({ hasPushToken: false });
    expect((await bob.caller.notifications.listMine()).items[0]).toMatchObject({ hasPushToken: true });
    expect(await h.services.notifications.devices.pushTargets('platform', bob.user.id)).toEqual([
      {
        deviceId: 'shared-ipad',
        platform: 'ios',
        pushToken: 'tok-moving',
        locale: 'de-DE',
        timeZone: 'Europe/Berlin',
      },
    ]);
    expect(await h.services.notifications.devices.pushTargets('platform', alice.user.id)).toEqual([]);
    const holders = await h.store
      .container<DeviceDoc>(NOTIFICATIONS_CONTAINERS.devices.name)
      .query({ partitionKey: 'platform', where: { pushToken: { eq: 'tok-moving' } } });
    expect(holders.items.map((d) => d.userId)).toEqual([bob.user.id]);
  });

  it("unregisters only the caller's own device", async () => {
    const owner = await h.signIn(['user']);
    const stranger = await h.signIn(['user']);
    await owner.caller.notifications.registerDevice(device({ deviceId: 'to-remove' }));
    expect(
      (await trpcErrorOf(() => stranger.caller.notifications.unregisterDevice({ deviceId: 'to-remove' })))
        .code,
    ).toBe('NOT_FOUND');
    expect(await owner.caller.notifications.unregisterDevice({ deviceId: 'to-remove' })).toEqual({
      deleted: true,
    });
    expect((await owner.caller.notifications.listMine()).items).toEqual([]);
    expect(await events('device.unregistered')).toContainEqual({
      userId: owner.user.id,
      deviceId: 'to-remove',
    });
  });

  it('commits a device change with its event: a refused unregister records none', async () => {
    const owner = await h.signIn(['user']);
    const stranger = await h.signIn(['user']);
    await owner.caller.notifications.registerDevice(device({ deviceId: 'atomic' }));
    const registered = (await events('device.registered')).filter((d) => d.userId === owner.user.id);
    expect(registered).toEqual([
      { userId: owner.user.id, deviceId: 'atomic', platform: 'ios', created: true },
    ]);
    await trpcErrorOf(() => stranger.caller.notifications.unregisterDevice({ deviceId: 'atomic' }));
    await owner.caller.notifications.unregisterDevice({ deviceId: 'atomic' });
    await trpcErrorOf(() => owner.caller.notifications.unregisterDevice({ deviceId: 'atomic' }));
    const gone = (await events('device.unregistered')).filter(
      (d) => d.userId === owner.user.id || d.userId === stranger.user.id,
    );
    expect(gone).toEqual([{ userId: owner.user.id, deviceId: 'atomic' }]);
  });

  it('moves a push token in the same commit as the registration, also when registrations race', async () => {
    const users = await Promise.all([1, 2, 3].map(() => h.signIn(['user'])));
    await Promise.all([
      ...users.map((u) =>
        u.caller.notifications.registerDevice(device({ deviceId: 'racer', pushToken: 'tok-race' })),
      ),
      ...[1, 2, 3].map(() =>
        users[0]?.caller.notifications.registerDevice(device({ deviceId: 'racer', pushToken: 'tok-race' })),
      ),
    ]);
    const holders = await h.store
      .container<DeviceDoc>(NOTIFICATIONS_CONTAINERS.devices.name)
      .query({ partitionKey: 'platform', where: { pushToken: { eq: 'tok-race' } } });
    expect(holders.items).toHaveLength(1);
    const first = users[0]?.user.id;
    const registered = (await events('device.registered')).filter(
      (d) => d.userId === first && d.deviceId === 'racer',
    );
    expect(registered).toHaveLength(4);
    expect(registered.filter((d) => d.created)).toHaveLength(1);
  });

  it("lets admins list devices by platform and read one user's devices and preferences", async () => {
    const user = await h.signIn(['user']);
    await user.caller.notifications.registerDevice(device({ deviceId: 'droid', platform: 'android' }));
    const android = await admin.caller.notifications.list({ platform: 'android' });
    expect(android.items.map((d) => d.userId)).toEqual([user.user.id]);
    const all = await admin.caller.notifications.list({ limit: 2 });
    expect(all.items).toHaveLength(2);
    expect(all.nextCursor).not.toBeNull();
    expect((await admin.caller.notifications.listByUser({ userId: user.user.id })).items).toHaveLength(1);
    expect((await admin.caller.notifications.getPreferences({ userId: user.user.id })).updatedAt).toBeNull();
    expect((await trpcErrorOf(() => user.caller.notifications.list())).code).toBe('FORBIDDEN');
    expect(
      (await trpcErrorOf(() => user.caller.notifications.listByUser({ userId: user.user.id }))).code,
    ).toBe('FORBIDDEN');
    expect((await trpcErrorOf(async () => (await h.anonymous()).notifications.listMine())).code).toBe(
      'UNAUTHORIZED',
    );
  });

  it("removes a deleted user's devices and preferences", async () => {
    const user = await h.signIn(['user']);
    await user.caller.notifications.registerDevice(device({ deviceId: 'bye' }));
    await user.caller.notifications.updatePreferencesMine({ preferences: { marketing: { email: true } } });
    const devices = await admin.caller.notifications.listByUser({ userId: user.user.id });
    expect(devices.items.map((d) => d.deviceId)).toEqual(['bye']);
    expect(
      (await admin.caller.notifications.getPreferences({ userId: user.user.id })).updatedAt,
    ).not.toBeNull();
    await admin.caller.users.delete({ id: user.user.id });
    await h.services.bus.drain();
    expect((await admin.caller.notifications.listByUser({ userId: user.user.id })).items).toEqual([]);
    expect((await admin.caller.notifications.getPreferences({ userId: user.user.id })).updatedAt).toBeNull();
  });
});

describe('notification preferences', () => {
  let h: TestHarness;
  let user: Signed;
  beforeAll(async () => {
    h = await createTestHarness();
    user = await h.signIn(['user']);
  });
  afterAll(async () => h.close());

  it('starts at the defaults and merges changes per type and channel', async () => {
    const initial = await user.caller.notifications.getPreferencesMine();
    expect(initial).toMatchObject({ updatedAt: null, userId: user.user.id });
    expect(initial.preferences.marketing).toEqual({ email: false, push: false, in_app: true });
    expect(initial.preferences.security).toEqual({ email: true, push: true, in_app: true });

    const updated = await user.caller.notifications.updatePreferencesMine({
      preferences: {
        marketing: { email: true },
        product_updates: { push: false },
        security: { push: false },
      },
    });
    expect(updated.preferences).toMatchObject({
      marketing: { email: true, push: false, in_app: true },
      product_updates: { email: true, push: false, in_app: true },
      security: { email: true, push: false, in_app: true },
    });
    expect(updated.updatedAt).toBe(new Date(h.clock()).toISOString());
    expect((await user.caller.notifications.getPreferencesMine()).preferences).toEqual(updated.preferences);
    expect(
      await h.services.notifications.preferences.allows('platform', user.user.id, 'marketing', 'email'),
    ).toBe(true);
    expect(
      await h.services.notifications.preferences.allows('platform', user.user.id, 'security', 'push'),
    ).toBe(false);
  });

  it('refuses to turn off security email, and unknown types', async () => {
    const error = await trpcErrorOf(() =>
      user.caller.notifications.updatePreferencesMine({ preferences: { security: { email: false } } }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(JSON.stringify(shapeOf(error))).toContain('preferences.security.email');
    const unknown = await trpcErrorOf(() =>
      user.caller.notifications.updatePreferencesMine({
        preferences: { pigeon: { email: true } } as unknown as { marketing: { email: boolean } },
      }),
    );
    expect(unknown.code).toBe('BAD_REQUEST');
  });

  it('emits the changed keys, and nothing when nothing changed', async () => {
    const fresh = await h.signIn(['user']);
    await fresh.caller.notifications.updatePreferencesMine({
      preferences: { billing: { push: true, email: true } },
    });
    await fresh.caller.notifications.updatePreferencesMine({ preferences: { billing: { push: true } } });
    await h.services.bus.drain();
    const admin = await h.signIn(['admin']);
    const page = await admin.caller.events.list({ type: 'notification_prefs.updated' });
    const mine = (await Promise.all(page.items.map((e) => admin.caller.events.get({ id: e.id })))).filter(
      (e) => e.data.userId === fresh.user.id,
    );
    expect(mine.map((e) => e.data.changes)).toEqual([['billing.push']]);
  });
});
