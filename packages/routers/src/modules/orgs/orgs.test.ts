import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shapeOf, trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';

type Signed = Awaited<ReturnType<TestHarness['signIn']>>;

const reasonOf = async (fn: () => Promise<unknown>) => {
  const error = await trpcErrorOf(fn);
  const shape = shapeOf(error) as { data: { reason?: string; fields?: { path: string }[] } };
  return {
    code: error.code,
    message: error.message,
    reason: shape.data.reason,
    fields: shape.data.fields ?? [],
  };
};

/** The events the bus holds of one type, for one org, oldest first. */
const eventsOf = async (h: TestHarness, type: string, orgId: string) => {
  await h.services.bus.drain();
  const { items } = await h.services.events.list({ productId: 'platform' }, { type, limit: 200 });
  const details = await Promise.all(items.map((e) => h.services.events.get('platform', e.id)));
  return details
    .filter((e) => (e.data as { orgId?: string }).orgId === orgId)
    .sort((a, b) => String(a.seq).localeCompare(String(b.seq)))
    .map((e) => ({ ...(e.data as Record<string, unknown>), actorId: e.actorId }) as Record<string, unknown>);
};

/** Orgs through the app router on each store driver: roles, ownership, teams, seats, usage, erasure. */
describe.each(['sqlite', 'cosmos'] as const)('orgs on %s', (driver) => {
  let h: TestHarness;
  let ada: Signed;
  let bob: Signed;
  let cy: Signed;
  let dee: Signed;
  let admin: Signed;

  beforeAll(async () => {
    h = await createTestHarness({ driver });
    [ada, bob, cy, dee, admin] = [
      await h.signIn(['user']),
      await h.signIn(['user']),
      await h.signIn(['user']),
      await h.signIn(['user']),
      await h.signIn(['admin']),
    ];
  }, 60_000);
  afterAll(async () => h.close());

  it('makes the creator the owner, and commits the org with its events', async () => {
    const org = await ada.caller.orgs.create({ name: 'Analytical Engines' });
    expect(org).toMatchObject({ name: 'Analytical Engines', role: 'owner', memberCount: 1, ownerCount: 1 });
    expect(org.id).toMatch(/^org_/);
    expect((await ada.caller.orgs.listMine()).items.map((o) => o.id)).toContain(org.id);
    expect(await eventsOf(h, 'org.created', org.id)).toEqual([
      { orgId: org.id, name: 'Analytical Engines', ownerId: ada.user.id, actorId: ada.user.id },
    ]);
    // Platform admins see every org; a user's orgs carry that user's role.
    const all = await admin.caller.orgs.list({});
    expect(all.items.map((o) => o.id)).toContain(org.id);
    expect((await admin.caller.orgs.list({ userId: ada.user.id })).items).toEqual([
      expect.objectContaining({ id: org.id, role: 'owner' }),
    ]);
    // The audit log carries the org's own events.
    await h.services.bus.drain();
    const audit = await admin.caller.audit.list({ action: 'org.created', targetId: org.id });
    expect(audit.items).toEqual([expect.objectContaining({ actorId: ada.user.id, targetType: 'org' })]);
  });

  it('keeps an owner: the last one cannot leave, be removed or be demoted; ownership transfers', async () => {
    const org = await ada.caller.orgs.create({ name: 'Owners' });
    await ada.caller.orgs.members.create({ orgId: org.id, userId: bob.user.id, role: 'admin' });
    await ada.caller.orgs.members.create({ orgId: org.id, userId: cy.user.id });

    expect((await reasonOf(() => ada.caller.orgs.leave({ orgId: org.id }))).reason).toBe('last_owner');
    expect(
      (
        await reasonOf(() =>
          ada.caller.orgs.members.update({ orgId: org.id, userId: ada.user.id, role: 'admin' }),
        )
      ).reason,
    ).toBe('last_owner');
    // An admin manages members but not owners.
    const byAdmin = await reasonOf(() =>
      bob.caller.orgs.members.delete({ orgId: org.id, userId: ada.user.id }),
    );
    expect(byAdmin).toMatchObject({ code: 'FORBIDDEN', reason: 'org_role_required' });
    expect(
      (
        await reasonOf(() =>
          bob.caller.orgs.members.update({ orgId: org.id, userId: cy.user.id, role: 'owner' }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    expect((await reasonOf(() => bob.caller.orgs.transfer({ orgId: org.id, userId: cy.user.id }))).code).toBe(
      'FORBIDDEN',
    );

    const moved = await ada.caller.orgs.transfer({ orgId: org.id, userId: cy.user.id });
    expect(moved).toMatchObject({ ownerCount: 1, role: 'admin' });
    const roles = Object.fromEntries(
      (await ada.caller.orgs.members.list({ orgId: org.id })).items.map((m) => [m.userId, m.role]),
    );
    expect(roles).toEqual({ [ada.user.id]: 'admin', [bob.user.id]: 'admin', [cy.user.id]: 'owner' });
    expect(await eventsOf(h, 'org.ownership_transferred', org.id)).toEqual([
      { orgId: org.id, toUserId: cy.user.id, fromUserIds: [ada.user.id], actorId: ada.user.id },
    ]);

    // The former owner may leave now; the new one still cannot, and cannot be removed.
    expect(await ada.caller.orgs.leave({ orgId: org.id })).toEqual({
      orgId: org.id,
      userId: ada.user.id,
      left: true,
    });
    expect((await reasonOf(() => cy.caller.orgs.leave({ orgId: org.id }))).reason).toBe('last_owner');
    expect(
      (await reasonOf(() => admin.caller.orgs.members.delete({ orgId: org.id, userId: cy.user.id }))).reason,
    ).toBe('last_owner');
    // A platform admin transfers from every owner: the org ends with one owner.
    await admin.caller.orgs.transfer({ orgId: org.id, userId: bob.user.id });
    const after = await cy.caller.orgs.get({ orgId: org.id });
    expect(after).toMatchObject({ ownerCount: 1, memberCount: 2, role: 'admin' });
    expect(await eventsOf(h, 'org.member_removed', org.id)).toEqual([
      { orgId: org.id, userId: ada.user.id, role: 'admin', reason: 'left', actorId: ada.user.id },
    ]);
    // Gone from the org, gone from its reads.
    expect((await reasonOf(() => ada.caller.orgs.get({ orgId: org.id }))).code).toBe('FORBIDDEN');
  });

  it('checks team roles: maintainers manage their team, members only leave it', async () => {
    const org = await ada.caller.orgs.create({ name: 'Teams' });
    for (const u of [bob, cy, dee])
      await ada.caller.orgs.members.create({ orgId: org.id, userId: u.user.id });
    const team = await ada.caller.orgs.teams.create({ orgId: org.id, name: 'Research' });
    expect(team.members).toEqual([expect.objectContaining({ userId: ada.user.id, role: 'maintainer' })]);
    // A plain org member cannot create teams nor manage one they do not maintain.
    expect((await reasonOf(() => bob.caller.orgs.teams.create({ orgId: org.id, name: 'Nope' }))).code).toBe(
      'FORBIDDEN',
    );
    const set = (who: Signed, userId: string, role: 'maintainer' | 'member') =>
      who.caller.orgs.teams.setMember({ orgId: org.id, teamId: team.id, userId, role });
    expect((await reasonOf(() => set(bob, bob.user.id, 'maintainer'))).reason).toBe('team_role_required');
    await set(ada, bob.user.id, 'maintainer');
    await set(bob, cy.user.id, 'member');
    // A team member is not a maintainer: renaming and adding are refused, leaving is their own.
    expect(
      (await reasonOf(() => cy.caller.orgs.teams.update({ orgId: org.id, teamId: team.id, name: 'Mine' })))
        .reason,
    ).toBe('team_role_required');
    expect((await reasonOf(() => set(cy, dee.user.id, 'member'))).code).toBe('FORBIDDEN');
    const renamed = await bob.caller.orgs.teams.update({ orgId: org.id, teamId: team.id, name: 'Applied' });
    expect(renamed.name).toBe('Applied');
    // Only members of the org join its teams.
    expect((await reasonOf(() => set(ada, admin.user.id, 'member'))).code).toBe('NOT_FOUND');
    await cy.caller.orgs.teams.deleteMember({ orgId: org.id, teamId: team.id, userId: cy.user.id });
    await set(bob, dee.user.id, 'member');
    // Removed from the org, removed from its teams in the same change.
    await ada.caller.orgs.members.delete({ orgId: org.id, userId: dee.user.id });
    const [listed] = (await bob.caller.orgs.teams.list({ orgId: org.id })).items;
    expect(listed?.members.map((m) => [m.userId, m.role])).toEqual([
      [ada.user.id, 'maintainer'],
      [bob.user.id, 'maintainer'],
    ]);
    // Events of one org commit in order, but the bus numbers them per instance: compare as a set.
    expect((await eventsOf(h, 'org.team_member_removed', org.id)).map((e) => e.userId).sort()).toEqual(
      [cy.user.id, dee.user.id].sort(),
    );
    await ada.caller.orgs.teams.delete({ orgId: org.id, teamId: team.id });
    expect((await ada.caller.orgs.get({ orgId: org.id })).teamCount).toBe(0);
  });

  it('counts seats from the plan of the subscription the org points at', async () => {
    await admin.caller.plans.create({ code: 'team-two', name: 'Team of two', priceCents: 1000, seats: 2 });
    const org = await ada.caller.orgs.create({ name: 'Seats' });
    // The default plan has no seat limit.
    expect((await ada.caller.orgs.getSubscription({ orgId: org.id })).seats).toEqual({
      limit: null,
      used: 1,
      pending: 0,
    });
    await admin.caller.subscriptions.changePlan({ userId: ada.user.id, planCode: 'team-two' });
    await ada.caller.orgs.members.create({ orgId: org.id, userId: bob.user.id });
    await ada.caller.orgs.members.create({ orgId: org.id, userId: cy.user.id, role: 'billing' });
    // Three members: a plan of two seats cannot pay for the org.
    const tooSmall = await reasonOf(() =>
      ada.caller.orgs.setSubscription({ orgId: org.id, userId: ada.user.id }),
    );
    expect(tooSmall).toMatchObject({ code: 'CONFLICT', reason: 'seats_exhausted' });
    expect(tooSmall.message).toMatch(/seats/);
    // Only an owner's or a billing member's subscription pays.
    expect(
      (await reasonOf(() => ada.caller.orgs.setSubscription({ orgId: org.id, userId: bob.user.id }))).code,
    ).toBe('BAD_REQUEST');
    await ada.caller.orgs.members.delete({ orgId: org.id, userId: bob.user.id });
    const set = await cy.caller.orgs.setSubscription({ orgId: org.id, userId: ada.user.id });
    expect(set).toMatchObject({
      planCode: 'team-two',
      status: 'active',
      seats: { limit: 2, used: 2, pending: 0 },
    });
    const full = await reasonOf(() => ada.caller.orgs.members.create({ orgId: org.id, userId: dee.user.id }));
    expect(full).toMatchObject({ code: 'CONFLICT', reason: 'seats_exhausted' });
    expect(full.message).toMatch(/seats/);
    expect(full.fields.map((f) => f.path)).toEqual(['seats']);
    const invite = await reasonOf(() =>
      ada.caller.orgs.invitations.create({ orgId: org.id, email: 'new@example.com' }),
    );
    expect(invite.reason).toBe('seats_exhausted');
    // The paying member leaves: the org falls back to the default plan, unlimited.
    await ada.caller.orgs.members.update({ orgId: org.id, userId: cy.user.id, role: 'owner' });
    await ada.caller.orgs.leave({ orgId: org.id });
    expect(await cy.caller.orgs.getSubscription({ orgId: org.id })).toMatchObject({
      subscriptionUserId: null,
      seats: { limit: null, used: 1 },
    });
  });

  it("rolls its members' usage up to the org against its plan's quotas", async () => {
    const org = await bob.caller.orgs.create({ name: 'Usage' });
    await bob.caller.orgs.members.create({ orgId: org.id, userId: dee.user.id });
    await bob.caller.usage.record({ metric: 'api.calls', quantity: 7, idempotencyKey: `${driver}-u1` });
    await dee.caller.usage.record({ metric: 'api.calls', quantity: 5, idempotencyKey: `${driver}-u2` });
    await dee.caller.usage.record({ metric: 'exports.run', quantity: 2, idempotencyKey: `${driver}-u3` });
    // Someone outside the org does not count.
    await cy.caller.usage.record({ metric: 'api.calls', quantity: 100, idempotencyKey: `${driver}-u4` });
    const usage = await bob.caller.orgs.getUsage({ orgId: org.id });
    expect(usage).toMatchObject({ orgId: org.id, planCode: 'free', members: 2 });
    expect(usage.metrics).toEqual([
      { metric: 'api.calls', used: 12, limit: 1000, period: 'month', exceeded: false },
      { metric: 'exports.run', used: 2, limit: null, period: 'month', exceeded: false },
      { metric: 'storage.mb', used: 0, limit: 100, period: 'month', exceeded: false },
    ]);
    // Usage is for owners, admins and billing members.
    expect((await reasonOf(() => dee.caller.orgs.getUsage({ orgId: org.id }))).code).toBe('FORBIDDEN');
  });

  it("hands a deleted last owner's org on, and deletes an org left empty", async () => {
    const [gone, heir, alone] = [
      await h.signIn(['user']),
      await h.signIn(['user']),
      await h.signIn(['user']),
    ];
    const shared = await gone.caller.orgs.create({ name: 'Shared' });
    await gone.caller.orgs.members.create({ orgId: shared.id, userId: heir.user.id, role: 'admin' });
    const solo = await alone.caller.orgs.create({ name: 'Solo' });
    await admin.caller.users.delete({ id: gone.user.id });
    await admin.caller.users.delete({ id: alone.user.id });
    await h.services.bus.drain();
    expect(await heir.caller.orgs.get({ orgId: shared.id })).toMatchObject({
      role: 'owner',
      memberCount: 1,
      ownerCount: 1,
    });
    expect((await reasonOf(() => admin.caller.orgs.get({ orgId: solo.id }))).code).toBe('NOT_FOUND');
    expect(await eventsOf(h, 'org.deleted', solo.id)).toEqual([
      expect.objectContaining({ orgId: solo.id, reason: 'last_member_deleted' }),
    ]);
  });
});
