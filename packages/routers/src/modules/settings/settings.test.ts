import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shapeOf, trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';

const fieldsOf = async (fn: () => Promise<unknown>) => {
  const error = await trpcErrorOf(fn);
  const shape = shapeOf(error) as { data: { fields?: { path: string }[] } };
  return { code: error.code, paths: (shape.data.fields ?? []).map((f) => f.path) };
};

describe('user and device settings', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await createTestHarness();
  });
  afterAll(async () => h.close());

  it('me starts empty; updateMine merges, and null deletes a key', async () => {
    const { caller, user } = await h.signIn(['user']);
    expect(await caller.settings.getMine()).toEqual({ userId: user.id, values: {}, updatedAt: null });
    await caller.settings.updateMine({ values: { theme: 'dark', volume: 7, nested: { a: [1, 'x', null] } } });
    h.advance(1000);
    const after = await caller.settings.updateMine({ values: { theme: null, locale: 'fr' } });
    expect(after.values).toEqual({ volume: 7, nested: { a: [1, 'x', null] }, locale: 'fr' });
    expect(after.updatedAt).toBe(new Date(h.clock()).toISOString());
    expect(await caller.settings.getMine()).toEqual(after);
  });

  it('concurrent patches all land', async () => {
    const { caller } = await h.signIn(['user']);
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => caller.settings.updateMine({ values: { [`k${i}`]: i } })),
    );
    expect(Object.keys((await caller.settings.getMine()).values).sort()).toEqual(
      Array.from({ length: 6 }, (_, i) => `k${i}`).sort(),
    );
  });

  it('limits size and key count, and validates keys', async () => {
    const { caller } = await h.signIn(['user']);
    const big = 'x'.repeat(9000);
    await caller.settings.updateMine({ values: { a: big } });
    expect(await fieldsOf(() => caller.settings.updateMine({ values: { b: big } }))).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      paths: ['values'],
    });
    const many = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, i]));
    await caller.settings.updateMine({ values: many });
    const more = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`m${i}`, i]));
    expect((await fieldsOf(() => caller.settings.updateMine({ values: more }))).code).toBe(
      'PAYLOAD_TOO_LARGE',
    );
    const tooMany = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`z${i}`, null]));
    expect((await fieldsOf(() => caller.settings.updateMine({ values: tooMany }))).code).toBe('BAD_REQUEST');
    const badKey = await fieldsOf(() => caller.settings.updateMine({ values: { 'has space': 1 } }));
    expect(badKey.code).toBe('BAD_REQUEST');
    expect(badKey.paths[0]).toMatch(/^values/);
    expect(Object.keys((await caller.settings.getMine()).values)).toHaveLength(61);
  });

  it("device settings belong to the signed-in user: nobody sees another user's", async () => {
    const alice = await h.signIn(['user']);
    const bob = await h.signIn(['user']);
    await alice.caller.settings.updateDevice({ deviceId: 'phone-1', values: { haptics: true } });
    expect(await alice.caller.settings.getDevice({ deviceId: 'phone-1' })).toMatchObject({
      userId: alice.user.id,
      deviceId: 'phone-1',
      values: { haptics: true },
    });
    expect((await bob.caller.settings.getDevice({ deviceId: 'phone-1' })).values).toEqual({});
    await bob.caller.settings.updateDevice({ deviceId: 'phone-1', values: { haptics: false } });
    expect((await alice.caller.settings.getDevice({ deviceId: 'phone-1' })).values).toEqual({
      haptics: true,
    });
    expect((await fieldsOf(() => alice.caller.settings.getDevice({ deviceId: 'bad id!' }))).paths).toEqual([
      'deviceId',
    ]);
  });

  it("admins read a user's settings with their devices; deleting the user removes them", async () => {
    const admin = await h.signIn(['admin']);
    const carol = await h.signIn(['user']);
    await carol.caller.settings.updateMine({ values: { theme: 'light' } });
    await carol.caller.settings.updateDevice({ deviceId: 'mac', values: { dock: 'left' } });
    h.advance(1000);
    await carol.caller.settings.updateDevice({ deviceId: 'ipad', values: { dock: 'right' } });
    const detail = await admin.caller.settings.get({ userId: carol.user.id });
    expect(detail.user.values).toEqual({ theme: 'light' });
    expect(detail.devices.map((d) => d.deviceId)).toEqual(['ipad', 'mac']);
    expect((await trpcErrorOf(() => carol.caller.settings.get({ userId: carol.user.id }))).code).toBe(
      'FORBIDDEN',
    );
    await admin.caller.users.delete({ id: carol.user.id });
    await h.services.bus.drain();
    const gone = await admin.caller.settings.get({ userId: carol.user.id });
    expect(gone).toEqual({ user: { userId: carol.user.id, values: {}, updatedAt: null }, devices: [] });
  });

  it('anonymous callers are refused', async () => {
    const anon = await h.anonymous();
    expect((await trpcErrorOf(() => anon.settings.getMine())).code).toBe('UNAUTHORIZED');
    expect((await trpcErrorOf(() => anon.settings.updateDevice({ deviceId: 'd', values: {} }))).code).toBe(
      'UNAUTHORIZED',
    );
  });
});
