import { withoutSystemFields } from '@bytelyst/db/document-store';
import { AppError } from '../../app-error';
import { randomId, safeEqual, sha256 } from '../../lib/crypto';
import type { SecretBox } from '../../lib/secret-box';
import { isoNow } from '../../lib/time';
import { ORG_ACCESS, type OrgActor } from '../../org-access';
import type { UsersService } from '../users/service';
import type { MembersService, OrgsDeps } from './members';
import { type InviteDoc, type MemberDoc, type OrgChange, toMember, toOrg } from './repository';
import type { TOrg, TOrgInvitation, TOrgInvitationStatus, TOrgMember, TOrgRole } from './schema';
import { assertSeatFree } from './seats';

export type InvitationsConfig = {
  /** The accept page; `?token=...` is appended (the console's /accept-invite by default). */
  acceptUrlBase: string;
  /** How long an invitation link works. */
  validMs: number;
  /** Seals the token on the invitation until its mail has gone (invitation-mail.ts). */
  secretBox: SecretBox;
};

/** What a sealed invitation token is bound to: it opens on this invitation only. */
export const inviteSealContext = (productId: string, id: string) => `org-invitation:${productId}:${id}`;

/**
 * An invitation token reads `oi_<productId>.<id>.<secret>`, like the identity module's one-time tokens: the
 * product and id find the invitation with one point read, the secret is 32 random bytes, and only the SHA-256
 * of the whole token is kept (compared in constant time). It works once, until it expires or is revoked.
 */
const TOKEN = /^oi_([a-z][a-z0-9-]{1,31})\.([A-Za-z0-9_-]{12,64})\.([A-Za-z0-9_-]{43,86})$/;

const statusOf = (doc: InviteDoc, at: string): TOrgInvitationStatus =>
  doc.state === 'pending' && doc.expiresAt <= at ? 'expired' : doc.state;

const toInvitation = (doc: InviteDoc, at: string): TOrgInvitation => ({
  id: doc.id,
  orgId: doc.orgId,
  email: doc.email,
  role: doc.role,
  status: statusOf(doc, at),
  invitedBy: doc.invitedBy,
  createdAt: doc.createdAt,
  expiresAt: doc.expiresAt,
  acceptedAt: doc.acceptedAt,
  acceptedBy: doc.acceptedBy,
  revokedAt: doc.revokedAt,
});

const invalidLink = () =>
  new AppError('NOT_FOUND', 'This invitation link is not valid', {
    reason: 'invitation_invalid',
    fields: [{ path: 'token', message: 'Unknown invitation' }],
  });

/** 409 (reason `invitation_<status>`) for a link that can no longer be used: expired, revoked or spent. */
const unusable = (status: TOrgInvitationStatus) => {
  const why = {
    expired: 'This invitation has expired: ask for a new one',
    revoked: 'This invitation was revoked',
    accepted: 'This invitation was already accepted',
    pending: '',
  }[status];
  return new AppError('CONFLICT', why, {
    reason: `invitation_${status}`,
    fields: [{ path: 'token', message: why }],
  });
};

/**
 * Invitations by email: owners and admins invite an address with a role; the mail (org-invitation, through
 * delivery) carries a signed, single-use link; pending ones are listed and revocable. Accepting proves the
 * address as a verification link does: the account of the product that uses the invited address joins.
 */
export const createInvitationsService = (
  deps: OrgsDeps & {
    members: MembersService;
    users: Pick<UsersService, 'find' | 'findByEmail'>;
    config: InvitationsConfig;
  },
) => {
  const { repo, clock, bus, members } = deps;
  const now = () => isoNow(clock);

  const parse = async (token: string) => {
    const match = TOKEN.exec(token);
    const [, productId, id] = match ?? [];
    if (!productId || !id) throw invalidLink();
    const doc = await repo.invite(productId, `oi_${id}`);
    if (!doc || !safeEqual(doc.tokenHash, sha256(token))) throw invalidLink();
    const org = await repo.org(productId, doc.orgId);
    if (!org) throw invalidLink();
    return { doc, org };
  };

  return {
    async list(productId: string, orgId: string, status?: TOrgInvitationStatus): Promise<TOrgInvitation[]> {
      const at = now();
      const all = (await repo.invites(productId, orgId)).map((doc) => toInvitation(doc, at));
      return status ? all.filter((invite) => invite.status === status) : all;
    },
    /**
     * Invites `email`. Seats count pending invitations too, so that every one can be accepted. A new
     * invitation to an address replaces its pending one (revoked in the same change).
     */
    async create(
      productId: string,
      actor: OrgActor,
      input: { orgId: string; email: string; role: TOrgRole },
    ): Promise<TOrgInvitation> {
      const at = now();
      const idSuffix = randomId(16);
      const id = `oi_${idSuffix}`;
      const token = `oi_${productId}.${idSuffix}.${randomId(32)}`;
      let invite: InviteDoc | undefined;
      let org: TOrg | undefined;
      await members.commit(productId, input.orgId, async (current) => {
        const role = await members.actorRole(productId, current, actor, ORG_ACCESS.manage);
        if (input.role === 'owner' && !actor.platformAdmin && role !== 'owner') {
          throw new AppError('FORBIDDEN', 'Only an owner can invite an owner', {
            reason: 'org_role_required',
          });
        }
        const user = await deps.users.findByEmail(productId, input.email);
        if (user && (await repo.member(productId, current.id, user.id))) {
          throw new AppError('CONFLICT', 'This address belongs to a member already', {
            fields: [{ path: 'email', message: 'Already a member' }],
          });
        }
        const pending = (await repo.invites(productId, current.id)).filter(
          (doc) => statusOf(doc, at) === 'pending',
        );
        const replaced = pending.filter((doc) => doc.email === input.email);
        assertSeatFree(
          await deps.seats.limitOf(productId, current),
          current.memberCount + pending.length - replaced.length,
        );
        invite = {
          id,
          productId,
          docType: 'invite',
          orgId: current.id,
          email: input.email,
          role: input.role,
          state: 'pending',
          tokenHash: sha256(token),
          sealedToken: deps.config.secretBox.seal(token, inviteSealContext(productId, id)),
          invitedBy: actor.userId,
          createdAt: at,
          expiresAt: new Date(Date.parse(at) + deps.config.validMs).toISOString(),
          acceptedAt: null,
          acceptedBy: null,
          revokedAt: null,
        };
        org = toOrg(current);
        const options = { productId, actorId: actor.userId };
        let staged = bus.stage(
          'org.invitation_sent',
          {
            orgId: current.id,
            invitationId: id,
            email: input.email,
            role: input.role,
            expiresAt: invite.expiresAt,
          },
          options,
        );
        const ops: OrgChange['ops'] = [{ op: 'create', doc: invite }];
        for (const old of replaced) {
          ops.push({
            op: 'replace',
            doc: { ...withoutSystemFields(old), state: 'revoked', revokedAt: at },
            ifMatch: old._etag,
          });
          staged = staged.and(
            'org.invitation_revoked',
            { orgId: current.id, invitationId: old.id, email: old.email },
            options,
          );
        }
        return { org: { ...withoutSystemFields(current), updatedAt: at }, ops, outbox: staged };
      });
      if (!invite || !org) throw new AppError('INTERNAL', 'The invitation was not created');
      return toInvitation(invite, at);
    },
    async revoke(productId: string, actor: OrgActor, input: { orgId: string; invitationId: string }) {
      const at = now();
      let result: InviteDoc | undefined;
      await members.commit(productId, input.orgId, async (current) => {
        await members.actorRole(productId, current, actor, ORG_ACCESS.manage);
        const doc = await repo.invite(productId, input.invitationId);
        if (!doc || doc.orgId !== current.id) {
          throw new AppError('NOT_FOUND', 'Invitation not found', {
            fields: [{ path: 'invitationId', message: 'Not found' }],
          });
        }
        const status = statusOf(doc, at);
        if (status !== 'pending') {
          throw new AppError('CONFLICT', `This invitation is ${status}, not pending`, {
            fields: [{ path: 'invitationId', message: `Already ${status}` }],
          });
        }
        result = { ...withoutSystemFields(doc), state: 'revoked', revokedAt: at };
        return {
          org: { ...withoutSystemFields(current), updatedAt: at },
          ops: [{ op: 'replace', doc: result, ifMatch: doc._etag }],
          outbox: bus.stage(
            'org.invitation_revoked',
            { orgId: current.id, invitationId: doc.id, email: doc.email },
            { productId, actorId: actor.userId },
          ),
        };
      });
      if (!result) throw new AppError('INTERNAL', 'The invitation was not revoked');
      return toInvitation(result, at);
    },
    /** What the accept page shows: the org, the role and the state of the link (without using it). */
    async validate(token: string) {
      const { doc, org } = await parse(token);
      const inviter = await deps.users.find(doc.productId, doc.invitedBy);
      return {
        orgId: org.id,
        orgName: org.name,
        email: doc.email,
        role: doc.role,
        inviterName: inviter?.name || inviter?.email || 'A member',
        status: statusOf(doc, now()),
        expiresAt: doc.expiresAt,
      };
    },
    /** Uses the link: the account with the invited address joins, within the seats; the link is spent. */
    async accept(token: string): Promise<{ org: TOrg; member: TOrgMember }> {
      const { doc: found } = await parse(token);
      const productId = found.productId;
      let member: MemberDoc | undefined;
      const { org } = await members.commit(productId, found.orgId, async (current) => {
        const at = now();
        const doc = await repo.invite(productId, found.id);
        if (!doc) throw invalidLink();
        const status = statusOf(doc, at);
        if (status !== 'pending') throw unusable(status);
        const user = await deps.users.findByEmail(productId, doc.email);
        if (user?.status !== 'active') {
          throw new AppError(
            'CONFLICT',
            `No active account uses ${doc.email} yet: sign up with this address, then open the link again`,
            {
              reason: 'account_required',
              fields: [{ path: 'token', message: 'No account with the invited address' }],
            },
          );
        }
        if (await repo.member(productId, current.id, user.id)) {
          throw new AppError('CONFLICT', 'You are a member of this organization already', {
            fields: [{ path: 'token', message: 'Already a member' }],
          });
        }
        assertSeatFree(await deps.seats.limitOf(productId, current), current.memberCount);
        member = await members.memberDoc(productId, current.id, user.id, doc.role);
        const options = { productId, actorId: user.id };
        return {
          org: {
            ...withoutSystemFields(current),
            memberCount: current.memberCount + 1,
            ownerCount: current.ownerCount + (doc.role === 'owner' ? 1 : 0),
            updatedAt: at,
          },
          ops: [
            {
              op: 'replace',
              doc: { ...withoutSystemFields(doc), state: 'accepted', acceptedAt: at, acceptedBy: user.id },
              ifMatch: doc._etag,
            },
            { op: 'create', doc: member },
          ],
          outbox: bus.stage(
            'org.member_added',
            { orgId: current.id, userId: user.id, role: doc.role, via: 'invitation', invitationId: doc.id },
            options,
          ),
        };
      });
      if (!member) throw new AppError('INTERNAL', 'The invitation was not accepted');
      return { org: toOrg(org), member: toMember(member) };
    },
  };
};

export type InvitationsService = ReturnType<typeof createInvitationsService>;
