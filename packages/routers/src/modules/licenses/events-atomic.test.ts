import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { eventsOf } from '../billing/usage/test-kit';

type Signed = Awaited<ReturnType<TestHarness['signIn']>>;
type Anon = Awaited<ReturnType<TestHarness['anonymous']>>;

/** Events of a type about one license, as stored once the bus has settled. */
const eventsAbout = async (h: TestHarness, type: string, licenseId: string) => {
  await h.services.bus.drain();
  return (await eventsOf(h, type)).filter((e) => (e.data as { licenseId?: string }).licenseId === licenseId);
};

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
    const { key, item } = await admin.caller.licenses.generate({ userId: ownerId, maxDevices: 1 });
    await anon.licenses.activate({ key, deviceId: 'laptop' });
    const refused = await trpcErrorOf(() => anon.licenses.activate({ key, deviceId: 'desktop' }));
    expect(refused.code).toBe('CONFLICT');

    const activated = await eventsAbout(h, 'license.activated', item.id);
    expect(activated.map((e) => e.data)).toEqual([
      { licenseId: item.id, userId: ownerId, deviceId: 'laptop' },
    ]);
    const stored = await admin.caller.licenses.get({ id: item.id });
    expect(stored.devices.map((d) => d.deviceId)).toEqual(['laptop']);
  });

  it('records the events of generate, revoke and device release without a separate emit', async () => {
    // With the event written by its own emit after the change, this failure would keep the change and lose
    // the event; staged with the write, a license event never takes the emit path.
    const bus = h.services.bus;
    const emit = bus.emit.bind(bus);
    const licenseEmits: string[] = [];
    vi.spyOn(bus, 'emit').mockImplementation(async (type, payload, options) => {
      if (!type.startsWith('license.')) return emit(type, payload, options);
      licenseEmits.push(type);
      throw new Error('event store down');
    });
    const { key, item } = await admin.caller.licenses.generate({ userId: ownerId, maxDevices: 2 });
    await anon.licenses.activate({ key, deviceId: 'phone' });
    await admin.caller.licenses.deactivateDevice({ id: item.id, deviceId: 'phone' });
    await admin.caller.licenses.revoke({ id: item.id, reason: 'refund' });
    await admin.caller.licenses.revoke({ id: item.id });

    expect(await eventsAbout(h, 'license.created', item.id)).toHaveLength(1);
    expect(await eventsAbout(h, 'license.activated', item.id)).toHaveLength(1);
    expect((await eventsAbout(h, 'license.deactivated', item.id)).map((e) => e.data)).toEqual([
      { licenseId: item.id, userId: ownerId, deviceId: 'phone' },
    ]);
    // The second revoke changed nothing, so it announced nothing.
    expect(await eventsAbout(h, 'license.revoked', item.id)).toHaveLength(1);
    expect(licenseEmits).toEqual([]);
  });
});
