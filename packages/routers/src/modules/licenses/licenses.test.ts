import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../lib/crypto';
import { createPlan, eventsOf, subscribe } from '../../testing/billing';
import { shapeOf, trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';

type Signed = Awaited<ReturnType<TestHarness['signIn']>>;

describe('licenses: admin', () => {
  let h: TestHarness;
  let admin: Signed;
  let owner: Signed;
  beforeAll(async () => {
    h = await createTestHarness();
    admin = await h.signIn(['admin']);
    owner = await h.signIn(['user']);
    await createPlan(h, 'solo', { maxDevices: 1 });
    await createPlan(h, 'team', { maxDevices: 5 });
    await subscribe(h, owner.user.id, 'team');
  });
  afterAll(async () => h.close());

  it('generates a key shown once and stores only its hash and a hint', async () => {
    const { key, item } = await admin.caller.licenses.create({
      userId: owner.user.id,
      planCode: 'solo',
      note: 'beta',
    });
    expect(key).toMatch(/^BLST(-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{5}){4}$/);
    expect(item).toMatchObject({
      userId: owner.user.id,
      planCode: 'solo',
      maxDevices: 1,
      status: 'active',
      expiresAt: null,
      note: 'beta',
      keyPrefix: key.slice(0, 10),
      keySuffix: key.slice(-4),
      devices: [],
      activeDevices: 0,
      createdBy: admin.user.id,
    });
    const stored = await h.store
      .container<{ id: string; keyHash: string }>('licenses')
      .read(item.id, 'platform');
    expect(stored?.keyHash).toBe(sha256(key));
    expect(JSON.stringify(stored)).not.toContain(key);
    expect(JSON.stringify(await admin.caller.licenses.get({ id: item.id }))).not.toContain(key);
    const created = await eventsOf(h, 'license.created');
    expect(created.at(-1)?.data).toEqual({
      licenseId: item.id,
      userId: owner.user.id,
      planCode: 'solo',
      maxDevices: 1,
    });
  });

  it("takes the device limit from the user's plan, or the override", async () => {
    const byPlan = await admin.caller.licenses.create({ userId: owner.user.id });
    expect(byPlan.item).toMatchObject({ planCode: 'team', maxDevices: 5 });
    const overridden = await admin.caller.licenses.create({
      userId: owner.user.id,
      planCode: 'solo',
      maxDevices: 3,
    });
    expect(overridden.item).toMatchObject({ planCode: 'solo', maxDevices: 3 });
  });

  it('refuses an unknown plan, a past expiry and bad input, naming the field', async () => {
    const unknown = await trpcErrorOf(() =>
      admin.caller.licenses.create({ userId: owner.user.id, planCode: 'nope' }),
    );
    expect(unknown.code).toBe('NOT_FOUND');
    expect(unknown.message).toBe("Plan 'nope' not found");
    const nobody = await trpcErrorOf(() => admin.caller.licenses.create({ userId: 'no-such-user' }));
    expect(nobody.code).toBe('NOT_FOUND');
    expect(nobody.message).toBe('No such user in this product');
    const past = await trpcErrorOf(() =>
      admin.caller.licenses.create({ userId: owner.user.id, expiresAt: '2020-01-01T00:00:00Z' }),
    );
    expect(shapeOf(past).data).toMatchObject({ httpStatus: 400, fields: [{ path: 'expiresAt' }] });
    const bad = await trpcErrorOf(() =>
      admin.caller.licenses.create({ userId: owner.user.id, maxDevices: 0 }),
    );
    expect(shapeOf(bad).data).toMatchObject({ httpStatus: 400, fields: [{ path: 'maxDevices' }] });
  });

  it('lists with filters and pages, newest first', async () => {
    const other = await h.signIn(['user']);
    const mine = [];
    for (let i = 0; i < 3; i += 1) {
      h.advance(1000);
      mine.push((await admin.caller.licenses.create({ userId: other.user.id, maxDevices: 1 })).item);
    }
    const first = await admin.caller.licenses.list({ userId: other.user.id, limit: 2 });
    expect(first.total).toBe(3);
    expect(first.items.map((l) => l.id)).toEqual([mine[2]?.id, mine[1]?.id]);
    expect(first.items[0]).not.toHaveProperty('devices');
    const second = await admin.caller.licenses.list({
      userId: other.user.id,
      limit: 2,
      cursor: first.nextCursor ?? '',
    });
    expect(second.items.map((l) => l.id)).toEqual([mine[0]?.id]);
    expect(second.nextCursor).toBeNull();
    await admin.caller.licenses.revoke({ id: mine[0]?.id ?? '' });
    const revoked = await admin.caller.licenses.list({ userId: other.user.id, status: 'revoked' });
    expect(revoked.items.map((l) => l.id)).toEqual([mine[0]?.id]);
    expect((await admin.caller.licenses.list({ status: 'active', userId: other.user.id })).total).toBe(2);
  });

  it('revokes once (idempotent), records the reason and emits license.revoked once', async () => {
    const { key, item } = await admin.caller.licenses.create({ userId: owner.user.id, maxDevices: 2 });
    const revoked = await admin.caller.licenses.revoke({ id: item.id, reason: 'chargeback' });
    expect(revoked).toMatchObject({ status: 'revoked', revokeReason: 'chargeback' });
    expect(revoked.revokedAt).toBe(new Date(h.clock()).toISOString());
    expect((await admin.caller.licenses.revoke({ id: item.id })).revokedAt).toBe(revoked.revokedAt);
    expect((await eventsOf(h, 'license.revoked')).filter((e) => e.data.licenseId === item.id)).toHaveLength(
      1,
    );
    const anon = await h.anonymous();
    expect(await anon.licenses.validate({ key, deviceId: 'mac-1' })).toMatchObject({
      valid: false,
      reason: 'revoked',
    });
    expect((await trpcErrorOf(() => admin.caller.licenses.revoke({ id: 'missing' }))).code).toBe('NOT_FOUND');
    expect((await trpcErrorOf(() => admin.caller.licenses.get({ id: 'missing' }))).code).toBe('NOT_FOUND');
  });

  it('updates expiry, limit and note; refuses a limit below the active devices', async () => {
    const { key, item } = await admin.caller.licenses.create({ userId: owner.user.id, maxDevices: 2 });
    const anon = await h.anonymous();
    await anon.licenses.activate({ key, deviceId: 'a' });
    await anon.licenses.activate({ key, deviceId: 'b' });
    const lower = await trpcErrorOf(() => admin.caller.licenses.update({ id: item.id, maxDevices: 1 }));
    expect(lower.code).toBe('CONFLICT');
    expect(lower.message).toContain('active on 2 devices');
    const expiresAt = new Date(h.clock() + 30 * 86_400_000).toISOString();
    const updated = await admin.caller.licenses.update({
      id: item.id,
      maxDevices: 4,
      note: 'renewed',
      expiresAt,
    });
    expect(updated).toMatchObject({ maxDevices: 4, note: 'renewed', expiresAt, activeDevices: 2 });
  });

  it('lets an admin release a device and shows the owner their licenses without keys', async () => {
    const { key, item } = await admin.caller.licenses.create({ userId: owner.user.id, maxDevices: 1 });
    const anon = await h.anonymous();
    await anon.licenses.activate({ key, deviceId: 'laptop', deviceName: 'Work laptop', platform: 'macos' });
    const mine = await owner.caller.licenses.listMine();
    const own = mine.items.find((l) => l.id === item.id);
    expect(own?.devices).toEqual([
      expect.objectContaining({ deviceId: 'laptop', deviceName: 'Work laptop', platform: 'macos' }),
    ]);
    expect(own).not.toHaveProperty('note');
    expect(JSON.stringify(mine)).not.toContain(key);
    const released = await admin.caller.licenses.deactivateDevice({ id: item.id, deviceId: 'laptop' });
    expect(released.activeDevices).toBe(0);
    const again = await trpcErrorOf(() =>
      admin.caller.licenses.deactivateDevice({ id: item.id, deviceId: 'laptop' }),
    );
    expect(again.code).toBe('NOT_FOUND');
    await expect(anon.licenses.activate({ key, deviceId: 'desktop' })).resolves.toMatchObject({
      activeDevices: 1,
    });
  });

  // Known gap: an entry of target type 'license' should name the license, not its owner. Once the audit
  // middleware prefers the created item's id, drop `.fails` here and expect license ids in the next test.
  it('names the generated license as the target of its audit entry', async () => {
    const { item } = await admin.caller.licenses.create({ userId: owner.user.id });
    await h.services.bus.drain();
    const audit = await admin.caller.audit.list({ action: 'licenses.create', limit: 100 });
    expect(audit.items.filter((e) => e.targetId === item.id).map((e) => e.targetType)).toEqual(['license']);
  });

  it('audits admin mutations and keeps plain users out of admin procedures', async () => {
    await h.services.bus.drain();
    const audit = await admin.caller.audit.list({ action: 'licenses.create' });
    // One entry per license generated through the API in this file, by this admin.
    const licenses = await admin.caller.licenses.list({ limit: 100 });
    expect(licenses.items.length).toBeGreaterThan(1);
    expect(audit.items.map((e) => `${e.targetType} ${e.actorId}`)).toEqual(
      licenses.items.map(() => `license ${admin.user.id}`),
    );
    // The target is the license each call created, not the user it was generated for.
    expect(audit.items.map((e) => e.targetId).sort()).toEqual(licenses.items.map((l) => l.id).sort());
    expect((await trpcErrorOf(() => owner.caller.licenses.list())).code).toBe('FORBIDDEN');
    expect((await trpcErrorOf(() => owner.caller.licenses.create({ userId: owner.user.id }))).code).toBe(
      'FORBIDDEN',
    );
    expect((await trpcErrorOf(async () => (await h.anonymous()).licenses.listMine())).code).toBe(
      'UNAUTHORIZED',
    );
  });
});
