import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { failEmitsOf, settledEventsAbout } from '../../testing/billing';
import { trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';

type Signed = Awaited<ReturnType<TestHarness['signIn']>>;
type Anon = Awaited<ReturnType<TestHarness['anonymous']>>;

describe('licenses: events commit with their change', () => {
  let h: TestHarness;
  let admin: Signed;
  let anon: Anon;
  let ownerId: string;
  beforeAll(async () => {
    h = await createTestHarness();
    admin = await h.signIn(['admin']);
    anon = await h.anonymous();
    ownerId = (await h.signIn(['user'])).user.id;
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => h.close());

  it('a refused activation leaves neither a device nor an event; an accepted one stores both', async () => {
    const { key, item } = await admin.caller.licenses.create({ userId: ownerId, maxDevices: 1 });
    await anon.licenses.activate({ key, deviceId: 'laptop' });
    const refused = await trpcErrorOf(() => anon.licenses.activate({ key, deviceId: 'desktop' }));
    expect(refused.code).toBe('CONFLICT');

    expect(await settledEventsAbout(h, 'license.activated', item.id, ['licenseId'])).toEqual([
      { licenseId: item.id, userId: ownerId, deviceId: 'laptop' },
    ]);
    const stored = await admin.caller.licenses.get({ id: item.id });
    expect(stored.devices.map((d) => d.deviceId)).toEqual(['laptop']);
  });

  it('records the events of generate, activate, revoke and device release without a separate emit', async () => {
    const refusedEmits = failEmitsOf(h, ['license.']);
    const { key, item } = await admin.caller.licenses.create({ userId: ownerId, maxDevices: 2 });
    await anon.licenses.activate({ key, deviceId: 'phone' });
    await admin.caller.licenses.deactivateDevice({ id: item.id, deviceId: 'phone' });
    await admin.caller.licenses.revoke({ id: item.id, reason: 'refund' });
    await admin.caller.licenses.revoke({ id: item.id });

    const about = (type: string) => settledEventsAbout(h, type, item.id, ['licenseId']);
    expect(await about('license.created')).toHaveLength(1);
    expect(await about('license.activated')).toHaveLength(1);
    expect(await about('license.deactivated')).toEqual([
      { licenseId: item.id, userId: ownerId, deviceId: 'phone' },
    ]);
    // The second revoke changed nothing, so it announced nothing.
    expect(await about('license.revoked')).toHaveLength(1);
    expect(refusedEmits).toEqual([]);
  });
});
