import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsOf } from '../../testing/billing';
import { shapeOf, trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { KEY_ALPHABET } from './key';

type Anon = Awaited<ReturnType<TestHarness['anonymous']>>;

/** The same key with one symbol of its random part replaced: a typo the checksum must catch. */
const typo = (key: string) => {
  const i = key.length - 8;
  const symbol = key.charAt(i);
  const other = KEY_ALPHABET.charAt((KEY_ALPHABET.indexOf(symbol) + 1) % KEY_ALPHABET.length);
  return key.slice(0, i) + other + key.slice(i + 1);
};

describe('licenses: activation and validation', () => {
  let h: TestHarness;
  let anon: Anon;
  let generate: (input?: { maxDevices?: number; expiresAt?: string }) => Promise<{ key: string; id: string }>;
  let ownerId: string;
  beforeAll(async () => {
    h = await createTestHarness();
    anon = await h.anonymous();
    const admin = await h.signIn(['admin']);
    ownerId = (await h.signIn(['user'])).user.id;
    generate = async (input = {}) => {
      const { key, item } = await admin.caller.licenses.create({
        userId: ownerId,
        maxDevices: 2,
        ...input,
      });
      return { key, id: item.id };
    };
  });
  afterAll(async () => h.close());

  it('activates a device, idempotently, and emits license.activated once', async () => {
    const { key, id } = await generate();
    const first = await anon.licenses.activate({
      key,
      deviceId: 'mac-1',
      deviceName: 'Studio',
      platform: 'macos',
    });
    expect(first).toMatchObject({
      licenseId: id,
      status: 'active',
      maxDevices: 2,
      activeDevices: 1,
      alreadyActive: false,
      device: {
        deviceId: 'mac-1',
        deviceName: 'Studio',
        platform: 'macos',
        activatedAt: new Date(h.clock()).toISOString(),
      },
    });
    const again = await anon.licenses.activate({
      key: key.toLowerCase().replace(/-/g, ''),
      deviceId: 'mac-1',
    });
    expect(again).toMatchObject({
      activeDevices: 1,
      alreadyActive: true,
      device: { activatedAt: first.device.activatedAt },
    });
    const activated = (await eventsOf(h, 'license.activated')).filter((e) => e.data.licenseId === id);
    expect(activated.map((e) => e.data)).toEqual([{ licenseId: id, userId: ownerId, deviceId: 'mac-1' }]);
  });

  it('refuses a device past the limit with a 409 naming it', async () => {
    const { key } = await generate({ maxDevices: 2 });
    await anon.licenses.activate({ key, deviceId: 'd1' });
    await anon.licenses.activate({ key, deviceId: 'd2' });
    const full = await trpcErrorOf(() => anon.licenses.activate({ key, deviceId: 'd3' }));
    expect(full.code).toBe('CONFLICT');
    expect(full.message).toBe(
      'This license is already active on 2 of 2 devices, the most it allows; deactivate one first',
    );
    expect(shapeOf(full).data.httpStatus).toBe(409);
    // A bound device still re-activates, and releasing one frees its slot.
    await expect(anon.licenses.activate({ key, deviceId: 'd2' })).resolves.toMatchObject({
      alreadyActive: true,
    });
    expect(await anon.licenses.deactivate({ key, deviceId: 'd1' })).toMatchObject({
      deactivated: true,
      activeDevices: 1,
    });
    expect(await anon.licenses.deactivate({ key, deviceId: 'd1' })).toMatchObject({ deactivated: false });
    await expect(anon.licenses.activate({ key, deviceId: 'd3' })).resolves.toMatchObject({
      activeDevices: 2,
    });
  });

  it('never binds more devices than allowed under parallel activations', async () => {
    const { key, id } = await generate({ maxDevices: 3 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => anon.licenses.activate({ key, deviceId: `p${i}` })),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    const admin = await h.signIn(['admin']);
    expect((await admin.caller.licenses.get({ id })).activeDevices).toBe(3);
  });

  it('fails a mistyped or malformed key with a 400 naming the key', async () => {
    const { key } = await generate();
    const mistyped = await trpcErrorOf(() => anon.licenses.activate({ key: typo(key), deviceId: 'x' }));
    expect(mistyped.code).toBe('BAD_REQUEST');
    expect(mistyped.message).toBe("The license key's check symbols do not match: check it for a typo");
    expect(shapeOf(mistyped).data.fields).toEqual([{ path: 'key', message: mistyped.message }]);
    await expect(anon.licenses.validate({ key: typo(key), deviceId: 'x' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(anon.licenses.deactivate({ key: 'BLST-0000', deviceId: 'x' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('answers an unknown but well-formed key as not found', async () => {
    const { key, id } = await generate();
    await h.store.container('licenses').delete(id, 'platform');
    expect(await anon.licenses.validate({ key, deviceId: 'x' })).toEqual({
      valid: false,
      status: null,
      reason: 'not_found',
      expiresAt: null,
      maxDevices: null,
      activeDevices: null,
    });
    const missing = await trpcErrorOf(() => anon.licenses.activate({ key, deviceId: 'x' }));
    expect(missing.code).toBe('NOT_FOUND');
  });

  it("does not find one product's key from another product", async () => {
    const { key } = await generate();
    const root = await h.root();
    await root.caller.products.create({ id: 'otherapp', name: 'Other app', status: 'active' });
    const elsewhere = await h.anonymous('otherapp');
    expect(await elsewhere.licenses.validate({ key, deviceId: 'x' })).toMatchObject({ reason: 'not_found' });
    expect((await trpcErrorOf(() => elsewhere.licenses.activate({ key, deviceId: 'x' }))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('validates per device and refuses expired or revoked keys', async () => {
    const expiresAt = new Date(h.clock() + 2 * 86_400_000).toISOString();
    const { key, id } = await generate({ expiresAt });
    await anon.licenses.activate({ key, deviceId: 'phone' });
    expect(await anon.licenses.validate({ key, deviceId: 'phone' })).toEqual({
      valid: true,
      status: 'active',
      reason: 'ok',
      expiresAt,
      maxDevices: 2,
      activeDevices: 1,
    });
    expect(await anon.licenses.validate({ key, deviceId: 'tablet' })).toMatchObject({
      valid: false,
      reason: 'device_not_activated',
    });
    h.advance(2 * 3600_000);
    await anon.licenses.validate({ key, deviceId: 'phone' });
    const admin = await h.signIn(['admin']);
    const seen = (await admin.caller.licenses.get({ id })).devices[0];
    expect(seen?.lastSeenAt).toBe(new Date(h.clock()).toISOString());
    h.advance(3 * 86_400_000);
    expect(await anon.licenses.validate({ key, deviceId: 'phone' })).toMatchObject({
      valid: false,
      status: 'expired',
      reason: 'expired',
    });
    const expired = await trpcErrorOf(() => anon.licenses.activate({ key, deviceId: 'phone' }));
    expect(expired.code).toBe('FORBIDDEN');
    expect(expired.message).toBe(`This license expired on ${expiresAt}`);
  });

  it('rejects bad device ids with a 400 naming the field', async () => {
    const { key } = await generate();
    const error = await trpcErrorOf(() => anon.licenses.activate({ key, deviceId: 'has spaces' }));
    expect(shapeOf(error).data).toMatchObject({ httpStatus: 400, fields: [{ path: 'deviceId' }] });
  });
});
