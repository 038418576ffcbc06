import { withoutSystemFields } from '@bytelyst/db/document-store';
import { AppError } from '../../app-error';
import { randomId } from '../../lib/crypto';
import { isoNow } from '../../lib/time';
import { assertTeamRole, ORG_ACCESS, type OrgActor } from '../../org-access';
import type { MembersService, OrgsDeps } from './members';
import { memberNotFound } from './members';
import { type TeamDoc, toTeam } from './repository';
import type { TTeam, TTeamRole } from './schema';

/** Teams an org may have: a removal updates every team of the member in the same batch (100 operations). */
export const MAX_TEAMS = 50;
/** Members one team may have. */
export const MAX_TEAM_MEMBERS = 500;

const teamNotFound = () =>
  new AppError('NOT_FOUND', 'Team not found', { fields: [{ path: 'teamId', message: 'Not found' }] });

/**
 * Teams inside an org. The org's owners and admins create and delete them; a team's maintainers (and the org's
 * owners and admins) rename it and set its members, who must be members of the org.
 */
export const createTeamsService = (deps: OrgsDeps & { members: MembersService }) => {
  const { repo, clock, bus, members } = deps;
  const now = () => isoNow(clock);

  /** The team, after checking the actor's team role (re-read inside the change). */
  const teamFor = async (
    productId: string,
    orgId: string,
    teamId: string,
    actor: OrgActor,
    roles: readonly TTeamRole[],
  ) => {
    const team = await repo.team(productId, teamId);
    if (!team || team.orgId !== orgId) throw teamNotFound();
    const orgRole = (await repo.member(productId, orgId, actor.userId))?.role ?? null;
    const teamRole = team.members.find((m) => m.userId === actor.userId)?.role ?? null;
    assertTeamRole(orgRole, teamRole, actor.platformAdmin, roles);
    return team;
  };

  return {
    async list(productId: string, orgId: string): Promise<TTeam[]> {
      return (await repo.teams(productId, orgId)).map(toTeam);
    },
    async create(productId: string, actor: OrgActor, orgId: string, name: string): Promise<TTeam> {
      let created: TeamDoc | undefined;
      await members.commit(productId, orgId, async (current) => {
        const role = await members.actorRole(productId, current, actor, ORG_ACCESS.manage);
        if (current.teamCount >= MAX_TEAMS) {
          throw new AppError('CONFLICT', `An organization has at most ${MAX_TEAMS} teams`, {
            fields: [{ path: 'name', message: 'Too many teams' }],
          });
        }
        const at = now();
        const teamId = `team_${randomId(12)}`;
        // The creator maintains the team they made, when they are a member of the org.
        const creator =
          role === null ? [] : [{ userId: actor.userId, role: 'maintainer' as const, addedAt: at }];
        created = {
          id: teamId,
          productId,
          docType: 'team',
          orgId,
          name,
          members: creator,
          createdAt: at,
          updatedAt: at,
        };
        const options = { productId, actorId: actor.userId };
        const staged = bus.stage('org.team_created', { orgId, teamId, name }, options);
        return {
          org: { ...withoutSystemFields(current), teamCount: current.teamCount + 1, updatedAt: at },
          ops: [{ op: 'create', doc: created }],
          outbox:
            role === null
              ? staged
              : staged.and(
                  'org.team_member_set',
                  { orgId, teamId, userId: actor.userId, fromRole: null, toRole: 'maintainer' },
                  options,
                ),
        };
      });
      if (!created) throw new AppError('INTERNAL', 'The team was not created');
      return toTeam(created);
    },
    async update(
      productId: string,
      actor: OrgActor,
      input: { orgId: string; teamId: string; name: string },
    ): Promise<TTeam> {
      let next: TeamDoc | undefined;
      await members.commit(productId, input.orgId, async (current) => {
        const team = await teamFor(productId, current.id, input.teamId, actor, ['maintainer']);
        next = withoutSystemFields(team);
        if (team.name === input.name) return null;
        next = { ...next, name: input.name, updatedAt: now() };
        return {
          org: { ...withoutSystemFields(current), updatedAt: next.updatedAt },
          ops: [{ op: 'replace', doc: next, ifMatch: team._etag }],
          outbox: bus.stage(
            'org.team_updated',
            { orgId: current.id, teamId: team.id, name: input.name },
            { productId, actorId: actor.userId },
          ),
        };
      });
      if (!next) throw new AppError('INTERNAL', 'The team was not renamed');
      return toTeam(next);
    },
    async delete(productId: string, actor: OrgActor, input: { orgId: string; teamId: string }) {
      await members.commit(productId, input.orgId, async (current) => {
        await members.actorRole(productId, current, actor, ORG_ACCESS.manage);
        const team = await repo.team(productId, input.teamId);
        if (!team || team.orgId !== current.id) throw teamNotFound();
        return {
          org: { ...withoutSystemFields(current), teamCount: current.teamCount - 1, updatedAt: now() },
          ops: [{ op: 'delete', id: team.id, ifMatch: team._etag }],
          outbox: bus.stage(
            'org.team_deleted',
            { orgId: current.id, teamId: team.id },
            { productId, actorId: actor.userId },
          ),
        };
      });
      return { orgId: input.orgId, teamId: input.teamId, deleted: true };
    },
    /** Adds a member of the org to the team, or changes their team role. */
    async setMember(
      productId: string,
      actor: OrgActor,
      input: { orgId: string; teamId: string; userId: string; role: TTeamRole },
    ): Promise<TTeam> {
      let next: TeamDoc | undefined;
      await members.commit(productId, input.orgId, async (current) => {
        const team = await teamFor(productId, current.id, input.teamId, actor, ['maintainer']);
        if (!(await repo.member(productId, current.id, input.userId))) throw memberNotFound();
        const before = team.members.find((m) => m.userId === input.userId);
        next = withoutSystemFields(team);
        if (before?.role === input.role) return null;
        if (!before && team.members.length >= MAX_TEAM_MEMBERS) {
          throw new AppError('CONFLICT', `A team has at most ${MAX_TEAM_MEMBERS} members`, {
            fields: [{ path: 'userId', message: 'The team is full' }],
          });
        }
        const at = now();
        const entry = { userId: input.userId, role: input.role, addedAt: before?.addedAt ?? at };
        next = {
          ...next,
          members: before
            ? team.members.map((m) => (m.userId === input.userId ? entry : m))
            : [...team.members, entry],
          updatedAt: at,
        };
        return {
          org: { ...withoutSystemFields(current), updatedAt: at },
          ops: [{ op: 'replace', doc: next, ifMatch: team._etag }],
          outbox: bus.stage(
            'org.team_member_set',
            {
              orgId: current.id,
              teamId: team.id,
              userId: input.userId,
              fromRole: before?.role ?? null,
              toRole: input.role,
            },
            { productId, actorId: actor.userId },
          ),
        };
      });
      if (!next) throw new AppError('INTERNAL', 'The team was not changed');
      return toTeam(next);
    },
    /** Takes a member off the team: a maintainer's act, or the member's own. */
    async removeMember(
      productId: string,
      actor: OrgActor,
      input: { orgId: string; teamId: string; userId: string },
    ): Promise<TTeam> {
      let next: TeamDoc | undefined;
      await members.commit(productId, input.orgId, async (current) => {
        const self = input.userId === actor.userId;
        const team = await teamFor(
          productId,
          current.id,
          input.teamId,
          actor,
          self ? ['maintainer', 'member'] : ['maintainer'],
        );
        next = withoutSystemFields(team);
        if (!team.members.some((m) => m.userId === input.userId)) {
          throw new AppError('NOT_FOUND', 'This user is not a member of the team', {
            fields: [{ path: 'userId', message: 'Not in the team' }],
          });
        }
        const at = now();
        next = { ...next, members: team.members.filter((m) => m.userId !== input.userId), updatedAt: at };
        return {
          org: { ...withoutSystemFields(current), updatedAt: at },
          ops: [{ op: 'replace', doc: next, ifMatch: team._etag }],
          outbox: bus.stage(
            'org.team_member_removed',
            { orgId: current.id, teamId: team.id, userId: input.userId },
            { productId, actorId: actor.userId },
          ),
        };
      });
      if (!next) throw new AppError('INTERNAL', 'The team was not changed');
      return toTeam(next);
    },
  };
};

export type TeamsService = ReturnType<typeof createTeamsService>;
