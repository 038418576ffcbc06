import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { restCaller } from '../../testing/rest';

describe('licenses over REST', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await createTestHarness();
  });
  afterAll(async () => h.close());

  it('serves the client calls without credentials and the admin ones with them', async () => {
    const rest = restCaller(h);
    const admin = await h.signIn(['admin']);
    const owner = await h.signIn(['user']);
    const bearer = admin.auth.accessToken;
    const generated = await rest('POST', '/licenses', {
      bearer,
      body: { userId: owner.user.id, maxDevices: 1 },
    });
    expect(generated.status).toBe(200);
    const { key, item } = (await generated.json()) as { key: string; item: { id: string } };

    const activate = await rest('POST', '/licenses/activate', { body: { key, deviceId: 'pc-1' } });
    expect(activate.status).toBe(200);
    expect((await rest('POST', '/licenses/activate', { body: { key, deviceId: 'pc-2' } })).status).toBe(409);
    const typo = `${key.slice(0, -3)}${key.at(-3) === 'A' ? 'B' : 'A'}${key.slice(-2)}`;
    expect((await rest('POST', '/licenses/validate', { body: { key: typo, deviceId: 'pc-1' } })).status).toBe(
      400,
    );
    const valid = await rest('POST', '/licenses/validate', { body: { key, deviceId: 'pc-1' } });
    expect(await valid.json()).toMatchObject({ valid: true });

    const mine = await rest('GET', '/licenses/mine', { bearer: owner.auth.accessToken });
    expect(mine.status).toBe(200);
    expect(((await mine.json()) as { items: { id: string }[] }).items.map((l) => l.id)).toEqual([item.id]);
    const one = await rest('GET', `/licenses/${item.id}`, { bearer });
    expect(((await one.json()) as { activeDevices: number }).activeDevices).toBe(1);
    const released = await rest('POST', `/licenses/${item.id}/devices/pc-1/deactivate`, { bearer, body: {} });
    expect(released.status).toBe(200);
    const patched = await rest('PATCH', `/licenses/${item.id}`, { bearer, body: { note: 'via rest' } });
    expect(await patched.json()).toMatchObject({ note: 'via rest' });
    expect((await rest('POST', `/licenses/${item.id}/revoke`, { bearer, body: {} })).status).toBe(200);
    expect((await rest('GET', '/licenses?status=revoked&limit=5', { bearer })).status).toBe(200);
    expect((await rest('GET', '/licenses')).status).toBe(401);
  });
});
