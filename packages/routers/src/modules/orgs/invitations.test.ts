import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../lib/time';
import { shapeOf, trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { documentsHolding, tokenInMail } from '../../testing/mailbox';
import { ORGS_DEFAULTS } from './module';

const PRODUCT = 'platform';

const refusal = async (fn: () => Promise<unknown>) => {
  const error = await trpcErrorOf(fn);
  const shape = shapeOf(error) as { data: { reason?: string; httpStatus?: number } };
  return { code: error.code, reason: shape.data.reason, message: error.message };
};

/** Invitations by mail on each store driver: accept once, expire on the injected clock, revoke, replace. */
describe.each(['sqlite', 'cosmos'] as const)('org invitations on %s', (driver) => {
  let h: TestHarness;
  let owner: Awaited<ReturnType<TestHarness['signIn']>>;
  let orgId: string;

  beforeAll(async () => {
    h = await createTestHarness({ driver });
    owner = await h.signIn(['user'], { email: 'owner@example.com' });
    orgId = (await owner.caller.orgs.create({ name: 'Analytical Engines' })).id;
  }, 60_000);
  afterAll(async () => h.close());

  /** The accept token of the newest org-invitation mail to `email`. */
  const tokenFor = async (email: string) => {
    await h.services.bus.drain();
    const { items } = await h.services.delivery.list(PRODUCT, { email, template: 'org-invitation' });
    const [newest] = items;
    if (!newest) throw new Error(`no invitation mail to ${email}`);
    const mail = await h.services.delivery.get(PRODUCT, newest.id);
    return { token: tokenInMail(mail, ORGS_DEFAULTS.inviteUrlBase), mail };
  };

  it('mails a single-use link; the account with the invited address joins with the role', async () => {
    const grace = await h.signIn(['user'], { email: 'grace@example.com' });
    const invitation = await owner.caller.orgs.invitations.create({
      orgId,
      email: 'Grace@Example.com',
      role: 'admin',
    });
    expect(invitation).toMatchObject({ email: 'grace@example.com', role: 'admin', status: 'pending' });
    expect(Date.parse(invitation.expiresAt) - h.clock()).toBe(7 * DAY_MS);
    const { token, mail } = await tokenFor('grace@example.com');
    expect(mail).toMatchObject({ status: 'sent', transactional: true });
    expect(mail.text).toContain('invited you to join Analytical Engines');
    // Only the token's hash is kept; the one copy is the mail in the outbox.
    expect(await documentsHolding(h.store, token)).toEqual([`delivery_log/${mail.id}`]);

    const visitor = await h.anonymous();
    expect(await visitor.orgs.invitations.validate({ token })).toMatchObject({
      orgId,
      orgName: 'Analytical Engines',
      email: 'grace@example.com',
      role: 'admin',
      status: 'pending',
    });
    const accepted = await visitor.orgs.invitations.accept({ token });
    expect(accepted.member).toMatchObject({ userId: grace.user.id, role: 'admin' });
    expect(accepted.org.memberCount).toBe(2);
    expect((await grace.caller.orgs.listMine()).items).toEqual([
      expect.objectContaining({ id: orgId, role: 'admin' }),
    ]);
    // Single use.
    expect(await refusal(() => visitor.orgs.invitations.accept({ token }))).toMatchObject({
      code: 'CONFLICT',
      reason: 'invitation_accepted',
    });
    expect((await owner.caller.orgs.invitations.list({ orgId, status: 'accepted' })).items).toEqual([
      expect.objectContaining({ id: invitation.id, acceptedBy: grace.user.id }),
    ]);
  });

  it('refuses an expired link (injected clock) and a revoked one, and lists what is pending', async () => {
    await h.signIn(['user'], { email: 'late@example.com' });
    await h.signIn(['user'], { email: 'revoked@example.com' });
    await owner.caller.orgs.invitations.create({ orgId, email: 'late@example.com' });
    const { token: late } = await tokenFor('late@example.com');
    h.advance(7 * DAY_MS - 1000);
    const revoked = await owner.caller.orgs.invitations.create({ orgId, email: 'revoked@example.com' });
    const { token: gone } = await tokenFor('revoked@example.com');
    const pending = (await owner.caller.orgs.invitations.list({ orgId, status: 'pending' })).items;
    expect(pending.map((i) => i.email).sort()).toEqual(['late@example.com', 'revoked@example.com']);
    expect((await owner.caller.orgs.getSubscription({ orgId })).seats.pending).toBe(2);

    h.advance(1000);
    const visitor = await h.anonymous();
    expect((await visitor.orgs.invitations.validate({ token: late })).status).toBe('expired');
    expect(await refusal(() => visitor.orgs.invitations.accept({ token: late }))).toMatchObject({
      code: 'CONFLICT',
      reason: 'invitation_expired',
    });
    expect((await owner.caller.orgs.invitations.revoke({ orgId, invitationId: revoked.id })).status).toBe(
      'revoked',
    );
    expect(await refusal(() => visitor.orgs.invitations.accept({ token: gone }))).toMatchObject({
      code: 'CONFLICT',
      reason: 'invitation_revoked',
    });
    // Revoking again is a conflict; a made-up or tampered token is unknown.
    expect(
      (await refusal(() => owner.caller.orgs.invitations.revoke({ orgId, invitationId: revoked.id }))).code,
    ).toBe('CONFLICT');
    expect(
      (await refusal(() => visitor.orgs.invitations.accept({ token: `${gone.slice(0, -3)}AAA` }))).code,
    ).toBe('NOT_FOUND');
    expect((await owner.caller.orgs.invitations.list({ orgId, status: 'pending' })).items).toEqual([]);
  });

  it('replaces the pending invitation of an address, and waits for an account to accept', async () => {
    await owner.caller.orgs.invitations.create({ orgId, email: 'newcomer@example.com' });
    const { token: first } = await tokenFor('newcomer@example.com');
    // The mail log lists newest first by time: the second mail must be later than the first.
    h.advance(1000);
    await owner.caller.orgs.invitations.create({ orgId, email: 'newcomer@example.com', role: 'billing' });
    const { token: second } = await tokenFor('newcomer@example.com');
    expect(second).not.toBe(first);
    const visitor = await h.anonymous();
    expect((await refusal(() => visitor.orgs.invitations.accept({ token: first }))).reason).toBe(
      'invitation_revoked',
    );
    // No account uses the address yet: the link keeps until one does.
    expect((await refusal(() => visitor.orgs.invitations.accept({ token: second }))).reason).toBe(
      'account_required',
    );
    const newcomer = await h.signIn(['user'], { email: 'newcomer@example.com' });
    expect((await visitor.orgs.invitations.accept({ token: second })).member).toMatchObject({
      userId: newcomer.user.id,
      role: 'billing',
    });
  });

  it('lets only owners and admins invite, and only owners invite an owner', async () => {
    const member = await h.signIn(['user'], { email: 'plain@example.com' });
    const manager = await h.signIn(['user'], { email: 'manager@example.com' });
    await owner.caller.orgs.members.create({ orgId, userId: member.user.id });
    await owner.caller.orgs.members.create({ orgId, userId: manager.user.id, role: 'admin' });
    const invite = (who: typeof owner, email: string, role: 'owner' | 'member' = 'member') =>
      who.caller.orgs.invitations.create({ orgId, email, role });
    expect(await refusal(() => invite(member, 'x@example.com'))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'org_role_required',
    });
    expect((await refusal(() => invite(manager, 'y@example.com', 'owner'))).code).toBe('FORBIDDEN');
    expect((await invite(manager, 'y@example.com')).status).toBe('pending');
    expect((await invite(owner, 'z@example.com', 'owner')).role).toBe('owner');
    // A member's address is not invited again.
    expect((await refusal(() => invite(owner, 'plain@example.com'))).code).toBe('CONFLICT');
  });
});
