import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsOf } from '../../../testing/billing';
import { trpcErrorOf } from '../../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../../testing/harness';

const DAY = 86_400_000;

describe('invitations', () => {
  let h: TestHarness;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>;
  beforeAll(async () => {
    h = await createTestHarness();
    admin = await h.signIn(['admin']);
  });
  afterAll(async () => h.close());

  it('creates random and custom codes; a taken custom code is a 409 on the code field', async () => {
    const random = await admin.caller.invitations.create({ maxUses: 3, note: 'beta' });
    expect(random).toMatchObject({ maxUses: 3, uses: 0, status: 'active', note: 'beta', expiresAt: null });
    expect(random.code).toMatch(/^[A-Z2-9]{10}$/);
    const custom = await admin.caller.invitations.create({ code: 'friends-2026' });
    expect(custom.code).toBe('FRIENDS-2026');
    const taken = await trpcErrorOf(() => admin.caller.invitations.create({ code: 'Friends-2026' }));
    expect(taken.code).toBe('CONFLICT');
    const past = await trpcErrorOf(() =>
      admin.caller.invitations.create({ expiresAt: new Date(h.clock() - 1000).toISOString() }),
    );
    expect(past.code).toBe('BAD_REQUEST');
    const bad = await trpcErrorOf(() => admin.caller.invitations.create({ code: 'no spaces!' }));
    expect(bad.code).toBe('BAD_REQUEST');
    expect((await eventsOf(h, 'invitation.created')).map((e) => e.data.invitationId)).toContain(custom.id);
  });

  it('validates: ok, unknown, expired, exhausted, revoked', async () => {
    const anon = await h.anonymous();
    const soon = await admin.caller.invitations.create({
      code: 'SOON-1',
      expiresAt: new Date(h.clock() + DAY).toISOString(),
    });
    const once = await admin.caller.invitations.create({ code: 'ONCE-1' });
    const gone = await admin.caller.invitations.create({ code: 'GONE-1' });
    expect(await anon.invitations.validate({ code: 'soon-1' })).toMatchObject({ valid: true, reason: 'ok' });
    expect(await anon.invitations.validate({ code: 'NOPE-NOPE' })).toEqual({
      valid: false,
      reason: 'unknown',
      expiresAt: null,
      remainingUses: null,
    });
    const user = await h.signIn(['user']);
    await user.caller.invitations.redeem({ code: 'once-1' });
    expect(await anon.invitations.validate({ code: 'ONCE-1' })).toMatchObject({ reason: 'exhausted' });
    await admin.caller.invitations.revoke({ id: gone.id });
    expect(await anon.invitations.validate({ code: 'GONE-1' })).toMatchObject({ reason: 'revoked' });
    expect((await eventsOf(h, 'invitation.revoked')).map((e) => e.data)).toEqual([{ invitationId: gone.id }]);
    h.advance(2 * DAY);
    expect(await anon.invitations.validate({ code: 'SOON-1' })).toMatchObject({ reason: 'expired' });

    const byStatus = async (status: 'active' | 'expired' | 'exhausted' | 'revoked') =>
      (await admin.caller.invitations.list({ status })).items.map((i) => i.id);
    expect(await byStatus('expired')).toEqual([soon.id]);
    expect(await byStatus('exhausted')).toEqual([once.id]);
    expect(await byStatus('revoked')).toEqual([gone.id]);
    // Active is everything else.
    const everyId = (await admin.caller.invitations.list({ limit: 100 })).items.map((i) => i.id);
    expect(everyId).toEqual(expect.arrayContaining([soon.id, once.id, gone.id]));
    expect(everyId.length).toBeGreaterThan(3);
    expect((await byStatus('active')).sort()).toEqual(
      everyId.filter((id) => ![soon.id, once.id, gone.id].includes(id)).sort(),
    );
    const page = await admin.caller.invitations.list({ limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).not.toBeNull();
    expect(page.total).toBe(everyId.length);
  });

  it('redeems once per user, refuses unusable codes and emits invitation.redeemed', async () => {
    const inv = await admin.caller.invitations.create({ code: 'TEAM-5', maxUses: 5 });
    const a = await h.signIn(['user']);
    const redeemed = await a.caller.invitations.redeem({ code: 'team-5' });
    expect(redeemed).toMatchObject({ invitationId: inv.id, remainingUses: 4 });
    const twice = await trpcErrorOf(() => a.caller.invitations.redeem({ code: 'TEAM-5' }));
    expect(twice.code).toBe('CONFLICT');
    expect((await trpcErrorOf(() => a.caller.invitations.redeem({ code: 'WHO-KNOWS' }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await trpcErrorOf(() => a.caller.invitations.redeem({ code: 'GONE-1' }))).code).toBe('FORBIDDEN');
    expect((await trpcErrorOf(() => a.caller.invitations.redeem({ code: 'SOON-1' }))).code).toBe('FORBIDDEN');
    const detail = await admin.caller.invitations.get({ id: inv.id });
    expect(detail).toMatchObject({ uses: 1, status: 'active' });
    expect(detail.redemptions).toEqual([
      expect.objectContaining({ userId: a.user.id, email: a.user.email, invitationId: inv.id }),
    ]);
    const events = await eventsOf(h, 'invitation.redeemed');
    expect(events.filter((e) => e.data.invitationId === inv.id).map((e) => e.data)).toEqual([
      { invitationId: inv.id, userId: a.user.id },
    ]);
    expect((await trpcErrorOf(() => admin.caller.invitations.get({ id: 'missing' }))).code).toBe('NOT_FOUND');
  });

  it('never exceeds maxUses under parallel redeems', async () => {
    const inv = await admin.caller.invitations.create({ code: 'RUSH-3', maxUses: 3 });
    const users = await Promise.all(Array.from({ length: 10 }, () => h.signIn(['user'])));
    const results = await Promise.allSettled(
      users.map((u) => u.caller.invitations.redeem({ code: 'RUSH-3' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const detail = await admin.caller.invitations.get({ id: inv.id });
    expect(detail).toMatchObject({ uses: 3, status: 'exhausted' });
    expect(detail.redemptions).toHaveLength(3);
    // The same user racing themselves still redeems once.
    const multi = await admin.caller.invitations.create({ code: 'SELF-9', maxUses: 9 });
    const me = await h.signIn(['user']);
    const mine = await Promise.allSettled(
      Array.from({ length: 5 }, () => me.caller.invitations.redeem({ code: 'SELF-9' })),
    );
    expect(mine.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await admin.caller.invitations.get({ id: multi.id })).uses).toBe(1);
  });

  it('commits each counted use with its event: refused and repeated redeems record none', async () => {
    const inv = await admin.caller.invitations.create({ code: 'ATOMIC-2', maxUses: 2 });
    const users = await Promise.all(Array.from({ length: 6 }, () => h.signIn(['user'])));
    await Promise.allSettled([
      ...users.map((u) => u.caller.invitations.redeem({ code: 'ATOMIC-2' })),
      ...users.map((u) => u.caller.invitations.redeem({ code: 'ATOMIC-2' })),
    ]);
    await admin.caller.invitations.revoke({ id: inv.id });
    await admin.caller.invitations.revoke({ id: inv.id });
    await h.services.bus.drain();
    const detail = await admin.caller.invitations.get({ id: inv.id });
    const redeemed = (await eventsOf(h, 'invitation.redeemed')).filter((e) => e.data.invitationId === inv.id);
    expect(redeemed.map((e) => e.data.userId).sort()).toEqual(detail.redemptions.map((r) => r.userId).sort());
    expect(redeemed).toHaveLength(2);
    const revoked = (await eventsOf(h, 'invitation.revoked')).filter((e) => e.data.invitationId === inv.id);
    expect(revoked).toHaveLength(1);
  });

  it('keeps codes per product', async () => {
    await admin.caller.invitations.create({ code: 'PLATFORM-ONLY' });
    const root = await h.root();
    await root.caller.products.create({ id: 'other-app', name: 'Other', status: 'active' });
    const other = await h.anonymous('other-app');
    expect(await other.invitations.validate({ code: 'PLATFORM-ONLY' })).toMatchObject({ reason: 'unknown' });
  });
});
