import { AppError } from '../../app-error';
import type { Entitlements } from '../billing/entitlements';
import type { UsageService } from '../billing/usage/service';
import type { DeliveryService } from '../delivery/service';
import type { UsersService } from '../users/service';
import { createInvitationsService, type InvitationsConfig } from './invitations';
import { createMembersService, type OrgsDeps, orgNotFound } from './members';
import { createOrgBillingService } from './org-billing';
import { type OrgDoc, toOrg, toTeam } from './repository';
import type { TOrg, TOrgListInput, TOrgRole, TOrgView, TTeam, TTeamRole } from './schema';
import { ZOrgListInput } from './schema';
import { createTeamsService } from './teams';

export type OrgsServiceDeps = Omit<OrgsDeps, 'users'> & {
  users: Pick<UsersService, 'find' | 'findByEmail'>;
  delivery: Pick<DeliveryService, 'send'>;
  entitlements: Pick<Entitlements, 'forUser'>;
  usage: Pick<UsageService, 'summary'>;
  invitations: InvitationsConfig;
};

/** Organizations, members, teams, invitations, the org's subscription and usage (see the parts). */
export const createOrgsService = (deps: OrgsServiceDeps) => {
  const { repo } = deps;
  const members = createMembersService(deps);
  const teams = createTeamsService({ ...deps, members });
  const invitations = createInvitationsService({ ...deps, members, config: deps.invitations });
  const billing = createOrgBillingService({ ...deps, members });

  const load = async (productId: string, orgId: string): Promise<OrgDoc> => {
    const org = await repo.org(productId, orgId);
    if (!org) throw orgNotFound();
    return org;
  };
  const view = (org: OrgDoc, role: TOrgRole | null): TOrgView => ({ ...toOrg(org), role });

  /** The orgs a user belongs to, with their role in each, oldest membership first. */
  const orgsOf = async (productId: string, userId: string): Promise<TOrgView[]> => {
    const memberships = await repo.membershipsOf(productId, userId);
    const orgs = await Promise.all(memberships.map((m) => repo.org(productId, m.orgId)));
    return memberships.flatMap((m, i) => {
      const org = orgs[i];
      return org ? [view(org, m.role)] : [];
    });
  };

  return {
    /** The org and the user's role in it (null: not a member); 404 for an unknown org. For `org-access.ts`. */
    async access(
      productId: string,
      orgId: string,
      userId: string,
    ): Promise<{ org: TOrg; role: TOrgRole | null }> {
      const [org, member] = await Promise.all([
        load(productId, orgId),
        repo.member(productId, orgId, userId),
      ]);
      return { org: toOrg(org), role: member?.role ?? null };
    },
    /** As `access`, with the team and the user's role in it; 404 for a team of another org. */
    async teamAccess(productId: string, orgId: string, teamId: string, userId: string) {
      const [{ org, role }, team] = await Promise.all([
        this.access(productId, orgId, userId),
        repo.team(productId, teamId),
      ]);
      if (!team || team.orgId !== orgId) {
        throw new AppError('NOT_FOUND', 'Team not found', {
          fields: [{ path: 'teamId', message: 'Not found' }],
        });
      }
      const teamRole: TTeamRole | null = team.members.find((m) => m.userId === userId)?.role ?? null;
      return { org, role, team: toTeam(team) as TTeam, teamRole };
    },
    get: async (productId: string, orgId: string, role: TOrgRole | null) =>
      view(await load(productId, orgId), role),
    listMine: async (productId: string, userId: string) => ({ items: await orgsOf(productId, userId) }),
    /** Every org of the product (platform admins), or the orgs of one user with their role. */
    async list(productId: string, raw: TOrgListInput) {
      const input = ZOrgListInput.parse(raw);
      if (input.userId) {
        const items = await orgsOf(productId, input.userId);
        return { items, nextCursor: null, total: items.length };
      }
      const [page, total] = await Promise.all([
        repo.listOrgs(productId, input.limit, input.cursor),
        repo.countOrgs(productId),
      ]);
      return { items: page.items.map((org) => view(org, null)), nextCursor: page.continuation, total };
    },
    create: members.create,
    update: members.update,
    transfer: members.transfer,
    members: {
      list: members.listMembers,
      create: members.addMember,
      update: members.changeRole,
      remove: members.removeMember,
    },
    teams,
    invitations,
    billing,
    /** For the user-erasure subscriber. */
    membersService: members,
  };
};

export type OrgsService = ReturnType<typeof createOrgsService>;
