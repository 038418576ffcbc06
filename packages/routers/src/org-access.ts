import { AppError } from './app-error';
import type { Context, Principal } from './context';
import type { TOrg, TOrgRole, TTeam, TTeamRole } from './modules/orgs/schema';

/**
 * Org- and team-scoped permissions, checked in this one place. A procedure that touches a resource owned by an
 * organization or a team calls `requireOrgRole` / `requireTeamRole` with the roles it admits before its service
 * call, and the services re-check the same rule (`assertOrgRole`) inside the write that depends on it, so a role
 * taken away meanwhile cannot slip through. Platform admins (admin, super_admin) pass every check: they
 * support any org of their product, and what they change is recorded with them as the actor.
 */

/** Who acts on an org: a user, and whether they are a platform admin. */
export type OrgActor = { userId: string; platformAdmin: boolean };

/** The roles an org-scoped operation admits; `'any'` is every member. */
export type OrgRoles = readonly TOrgRole[] | 'any';

/** The role sets the orgs procedures use, named once so the access matrix test reads the same table. */
export const ORG_ACCESS = {
  read: 'any',
  manage: ['owner', 'admin'],
  owner: ['owner'],
  billing: ['owner', 'admin', 'billing'],
  subscription: ['owner', 'billing'],
} as const satisfies Record<string, OrgRoles>;

/** What a passed check hands the procedure: the org, and the caller's role in it (null for a platform admin). */
export type OrgAccess = OrgActor & { productId: string; org: TOrg; role: TOrgRole | null };
export type TeamAccess = OrgAccess & { team: TTeam; teamRole: TTeamRole | null };

export const isPlatformAdmin = (principal: Pick<Principal, 'roles'>): boolean =>
  principal.roles.includes('admin') || principal.roles.includes('super_admin');

export const actorOf = (principal: Principal): OrgActor => ({
  userId: principal.userId,
  platformAdmin: isPlatformAdmin(principal),
});

export const orgRoleAllows = (role: TOrgRole | null, platformAdmin: boolean, roles: OrgRoles): boolean =>
  platformAdmin || (role !== null && (roles === 'any' || roles.includes(role)));

const describe = (roles: OrgRoles) => (roles === 'any' ? 'a member' : roles.join(' or '));

/** Throws 403 (reason `org_role_required`) unless the role (null: not a member) is one of `roles`. */
export const assertOrgRole = (role: TOrgRole | null, platformAdmin: boolean, roles: OrgRoles): void => {
  if (orgRoleAllows(role, platformAdmin, roles)) return;
  throw new AppError(
    'FORBIDDEN',
    role === null
      ? 'You are not a member of this organization'
      : `This needs the ${describe(roles)} role in the organization; yours is ${role}`,
    { reason: 'org_role_required' },
  );
};

/**
 * Team roles: a team's maintainers manage it, its members use what it owns. The org's owners and admins act as
 * maintainers of every team; anyone else needs a membership of the team with one of `roles`.
 */
export const assertTeamRole = (
  orgRole: TOrgRole | null,
  teamRole: TTeamRole | null,
  platformAdmin: boolean,
  roles: readonly TTeamRole[],
): void => {
  if (platformAdmin || orgRole === 'owner' || orgRole === 'admin') return;
  if (orgRole !== null && teamRole !== null && roles.includes(teamRole)) return;
  throw new AppError(
    'FORBIDDEN',
    teamRole === null
      ? 'You are not a member of this team'
      : `This needs the ${roles.join(' or ')} role in the team; yours is ${teamRole}`,
    { reason: 'team_role_required' },
  );
};

type AuthedContext = Context & { principal: Principal };

/** The caller's access to an org when their role is one of `roles`; 404 for an unknown org, else 403. */
export const requireOrgRole = async (
  ctx: AuthedContext,
  orgId: string,
  roles: OrgRoles,
): Promise<OrgAccess> => {
  const actor = actorOf(ctx.principal);
  const { org, role } = await ctx.services.orgs.access(ctx.productId, orgId, actor.userId);
  assertOrgRole(role, actor.platformAdmin, roles);
  return { ...actor, productId: ctx.productId, org, role };
};

/** The caller's access to a team of an org (see `assertTeamRole`); 404 for an unknown org or team. */
export const requireTeamRole = async (
  ctx: AuthedContext,
  orgId: string,
  teamId: string,
  roles: readonly TTeamRole[],
): Promise<TeamAccess> => {
  const actor = actorOf(ctx.principal);
  const { org, role, team, teamRole } = await ctx.services.orgs.teamAccess(
    ctx.productId,
    orgId,
    teamId,
    actor.userId,
  );
  assertTeamRole(role, teamRole, actor.platformAdmin, roles);
  return { ...actor, productId: ctx.productId, org, role, team, teamRole };
};
