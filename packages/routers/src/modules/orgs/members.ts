import { type Clock, type Stored, withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus, StagedEvents } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { randomId } from '../../lib/crypto';
import { isoNow } from '../../lib/time';
import { assertOrgRole, ORG_ACCESS, type OrgActor, type OrgRoles } from '../../org-access';
import type { UsersService } from '../users/service';
import {
  type MemberDoc,
  memberIdOf,
  type OrgChange,
  type OrgDoc,
  type OrgsRepository,
  toMember,
  toOrg,
} from './repository';
import type { TOrgMember, TOrgRole, TOrgView } from './schema';
import { assertSeatFree, type Seats } from './seats';

export type OrgsDeps = {
  repo: OrgsRepository;
  clock: Clock;
  bus: EventBus;
  users: Pick<UsersService, 'find'>;
  seats: Seats;
};

export const orgNotFound = () =>
  new AppError('NOT_FOUND', 'Organization not found', { fields: [{ path: 'orgId', message: 'Not found' }] });
export const memberNotFound = () =>
  new AppError('NOT_FOUND', 'This user is not a member of the organization', {
    fields: [{ path: 'userId', message: 'Not a member' }],
  });
const lastOwner = () =>
  new AppError('CONFLICT', 'An organization keeps at least one owner: transfer ownership first', {
    reason: 'last_owner',
    fields: [{ path: 'userId', message: 'The last owner' }],
  });
const ownersOnly = () =>
  new AppError('FORBIDDEN', 'Only an owner can grant or take away ownership', {
    reason: 'org_role_required',
  });

/**
 * Organizations and their members: create (the creator owns it), rename, add, change roles, remove, leave and
 * transfer ownership. Every change goes through `repo.commit`, which re-reads the org and replaces it under
 * its etag with the change, so the rules checked here (the actor's role, seats, the last owner) hold when
 * the change lands, and its events commit with it.
 */
export const createMembersService = (deps: OrgsDeps) => {
  const { repo, clock, bus } = deps;
  const now = () => isoNow(clock);

  /** The actor's role re-read inside a change, and checked against `roles`. */
  const actorRole = async (productId: string, org: OrgDoc, actor: OrgActor, roles: OrgRoles) => {
    const role = (await repo.member(productId, org.id, actor.userId))?.role ?? null;
    assertOrgRole(role, actor.platformAdmin, roles);
    return role;
  };
  const mayTouchOwners = (role: TOrgRole | null, actor: OrgActor) => actor.platformAdmin || role === 'owner';

  const commit = async (
    productId: string,
    orgId: string,
    plan: (org: Stored<OrgDoc>) => Promise<OrgChange | null>,
  ) => {
    const result = await repo.commit(productId, orgId, plan);
    if (!result) throw orgNotFound();
    return result;
  };

  const memberDoc = async (productId: string, orgId: string, userId: string, role: TOrgRole) => {
    const user = await deps.users.find(productId, userId);
    if (!user) {
      throw new AppError('NOT_FOUND', 'No user with this id in the product', {
        fields: [{ path: 'userId', message: 'Unknown user' }],
      });
    }
    const at = now();
    const doc: MemberDoc = {
      id: memberIdOf(orgId, userId),
      productId,
      docType: 'member',
      orgId,
      userId,
      email: user.email,
      name: user.name,
      role,
      joinedAt: at,
      createdAt: at,
    };
    return doc;
  };

  /**
   * Takes a member out: their membership, their places in teams, and the org's subscription if it was theirs,
   * in one change. The last owner never goes.
   */
  const removal = async (
    productId: string,
    org: OrgDoc,
    target: MemberDoc,
    reason: 'left' | 'removed' | 'user_deleted',
    actorId: string | null,
  ): Promise<OrgChange & { outbox: StagedEvents }> => {
    if (target.role === 'owner' && org.ownerCount <= 1) throw lastOwner();
    const at = now();
    const options = { productId, actorId };
    let staged = bus.stage(
      'org.member_removed',
      { orgId: org.id, userId: target.userId, role: target.role, reason },
      options,
    );
    const ops: OrgChange['ops'] = [{ op: 'delete', id: target.id }];
    for (const team of await repo.teams(productId, org.id)) {
      if (!team.members.some((m) => m.userId === target.userId)) continue;
      const members = team.members.filter((m) => m.userId !== target.userId);
      ops.push({
        op: 'replace',
        doc: { ...withoutSystemFields(team), members, updatedAt: at },
        ifMatch: team._etag,
      });
      staged = staged.and(
        'org.team_member_removed',
        { orgId: org.id, teamId: team.id, userId: target.userId },
        options,
      );
    }
    const wasPaying = org.subscriptionUserId === target.userId;
    if (wasPaying) {
      staged = staged.and('org.subscription_set', { orgId: org.id, subscriptionUserId: null }, options);
    }
    return {
      org: {
        ...org,
        memberCount: org.memberCount - 1,
        ownerCount: org.ownerCount - (target.role === 'owner' ? 1 : 0),
        subscriptionUserId: wasPaying ? null : org.subscriptionUserId,
        updatedAt: at,
      },
      ops,
      outbox: staged,
    };
  };

  const viewOf = (org: OrgDoc, role: TOrgRole | null): TOrgView => ({ ...toOrg(org), role });

  return {
    commit,
    actorRole,
    memberDoc,
    removal,
    async create(productId: string, actor: OrgActor, name: string): Promise<TOrgView> {
      const orgId = `org_${randomId(12)}`;
      const owner = await memberDoc(productId, orgId, actor.userId, 'owner');
      const at = owner.joinedAt;
      const org: OrgDoc = {
        id: orgId,
        productId,
        docType: 'org',
        name,
        memberCount: 1,
        ownerCount: 1,
        teamCount: 0,
        subscriptionUserId: null,
        createdBy: actor.userId,
        createdAt: at,
        updatedAt: at,
      };
      const options = { productId, actorId: actor.userId };
      await repo.createOrg(
        org,
        [owner],
        bus
          .stage('org.created', { orgId, name, ownerId: actor.userId }, options)
          .and(
            'org.member_added',
            { orgId, userId: actor.userId, role: 'owner', via: 'direct', invitationId: null },
            options,
          ),
      );
      return viewOf(org, 'owner');
    },
    async update(productId: string, actor: OrgActor, orgId: string, name: string): Promise<TOrgView> {
      let role: TOrgRole | null = null;
      const { org } = await commit(productId, orgId, async (current) => {
        role = await actorRole(productId, current, actor, ORG_ACCESS.manage);
        if (current.name === name) return null;
        return {
          org: { ...withoutSystemFields(current), name, updatedAt: now() },
          ops: [],
          outbox: bus.stage('org.updated', { orgId, name }, { productId, actorId: actor.userId }),
        };
      });
      return viewOf(org, role);
    },
    async listMembers(productId: string, orgId: string): Promise<TOrgMember[]> {
      return (await repo.members(productId, orgId)).map(toMember);
    },
    /** Adds an existing user of the product directly (no invitation), within the org's seats. */
    async addMember(
      productId: string,
      actor: OrgActor,
      input: { orgId: string; userId: string; role: TOrgRole },
    ): Promise<TOrgMember> {
      let added: MemberDoc | undefined;
      await commit(productId, input.orgId, async (current) => {
        const role = await actorRole(productId, current, actor, ORG_ACCESS.manage);
        if (input.role === 'owner' && !mayTouchOwners(role, actor)) throw ownersOnly();
        if (await repo.member(productId, current.id, input.userId)) {
          throw new AppError('CONFLICT', 'This user is already a member', {
            fields: [{ path: 'userId', message: 'Already a member' }],
          });
        }
        assertSeatFree(await deps.seats.limitOf(productId, current), current.memberCount);
        added = await memberDoc(productId, current.id, input.userId, input.role);
        return {
          org: {
            ...withoutSystemFields(current),
            memberCount: current.memberCount + 1,
            ownerCount: current.ownerCount + (input.role === 'owner' ? 1 : 0),
            updatedAt: added.joinedAt,
          },
          ops: [{ op: 'create', doc: added }],
          outbox: bus.stage(
            'org.member_added',
            { orgId: current.id, userId: input.userId, role: input.role, via: 'direct', invitationId: null },
            { productId, actorId: actor.userId },
          ),
        };
      });
      if (!added) throw new AppError('INTERNAL', 'The member was not added');
      return toMember(added);
    },
    async changeRole(
      productId: string,
      actor: OrgActor,
      input: { orgId: string; userId: string; role: TOrgRole },
    ): Promise<TOrgMember> {
      let result: MemberDoc | undefined;
      await commit(productId, input.orgId, async (current) => {
        const role = await actorRole(productId, current, actor, ORG_ACCESS.manage);
        const target = await repo.member(productId, current.id, input.userId);
        if (!target) throw memberNotFound();
        result = withoutSystemFields(target);
        if (target.role === input.role) return null;
        if ((target.role === 'owner' || input.role === 'owner') && !mayTouchOwners(role, actor)) {
          throw ownersOnly();
        }
        if (target.role === 'owner' && current.ownerCount <= 1) throw lastOwner();
        const ownerDelta = (input.role === 'owner' ? 1 : 0) - (target.role === 'owner' ? 1 : 0);
        result = { ...withoutSystemFields(target), role: input.role };
        return {
          org: {
            ...withoutSystemFields(current),
            ownerCount: current.ownerCount + ownerDelta,
            updatedAt: now(),
          },
          ops: [{ op: 'replace', doc: result, ifMatch: target._etag }],
          outbox: bus.stage(
            'org.member_role_changed',
            { orgId: current.id, userId: target.userId, fromRole: target.role, toRole: input.role },
            { productId, actorId: actor.userId },
          ),
        };
      });
      if (!result) throw new AppError('INTERNAL', 'The role was not changed');
      return toMember(result);
    },
    /** Removes a member (owners and admins; only an owner removes an owner), or the caller leaves. */
    async removeMember(
      productId: string,
      actor: OrgActor,
      input: { orgId: string; userId: string },
      reason: 'left' | 'removed',
    ): Promise<void> {
      await commit(productId, input.orgId, async (current) => {
        const self = input.userId === actor.userId;
        // Leaving needs only membership; removing someone else needs owner or admin.
        const role = await actorRole(
          productId,
          current,
          { ...actor, platformAdmin: actor.platformAdmin && !self },
          self ? 'any' : ORG_ACCESS.manage,
        );
        const target = await repo.member(productId, current.id, input.userId);
        if (!target) throw memberNotFound();
        if (!self && target.role === 'owner' && !mayTouchOwners(role, actor)) throw ownersOnly();
        return removal(productId, withoutSystemFields(current), target, reason, actor.userId);
      });
    },
    /**
     * Makes `userId` an owner. An owner who transfers becomes an admin; a platform admin who is not an owner
     * transfers from every current owner, who become admins: the org ends with `userId` as its one owner.
     */
    async transfer(productId: string, actor: OrgActor, orgId: string, userId: string): Promise<TOrgView> {
      if (userId === actor.userId) {
        throw new AppError('BAD_REQUEST', 'Transfer ownership to another member', {
          fields: [{ path: 'userId', message: 'That is you' }],
        });
      }
      let myRole: TOrgRole | null = null;
      const { org } = await commit(productId, orgId, async (current) => {
        const role = await actorRole(productId, current, actor, ORG_ACCESS.owner);
        const target = await repo.member(productId, current.id, userId);
        if (!target) throw memberNotFound();
        const members = await repo.members(productId, current.id);
        const from =
          role === 'owner'
            ? members.filter((m) => m.userId === actor.userId)
            : members.filter((m) => m.role === 'owner' && m.userId !== userId);
        const options = { productId, actorId: actor.userId };
        const ops: OrgChange['ops'] = [];
        let staged = bus.stage(
          'org.ownership_transferred',
          { orgId: current.id, toUserId: userId, fromUserIds: from.map((m) => m.userId) },
          options,
        );
        const setRole = (member: Stored<MemberDoc>, next: TOrgRole) => {
          if (member.role === next) return;
          ops.push({
            op: 'replace',
            doc: { ...withoutSystemFields(member), role: next },
            ifMatch: member._etag,
          });
          staged = staged.and(
            'org.member_role_changed',
            { orgId: current.id, userId: member.userId, fromRole: member.role, toRole: next },
            options,
          );
        };
        setRole(target, 'owner');
        for (const owner of from) setRole(owner, 'admin');
        myRole = role === 'owner' ? 'admin' : role;
        const owners = members.filter((m) => m.role === 'owner').length;
        const ownerCount = owners + (target.role === 'owner' ? 0 : 1) - from.length;
        return {
          org: { ...withoutSystemFields(current), ownerCount, updatedAt: now() },
          ops,
          outbox: staged,
        };
      });
      return viewOf(org, myRole);
    },
  };
};

export type MembersService = ReturnType<typeof createMembersService>;
