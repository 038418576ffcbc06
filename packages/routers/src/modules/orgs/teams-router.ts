import { rest } from '../../lib/openapi';
import { ORG_ACCESS, requireOrgRole, requireTeamRole } from '../../org-access';
import { authedProcedure, router } from '../../trpc';
import {
  ZOrgIdInput,
  ZTeam,
  ZTeamCreateInput,
  ZTeamDeleteOutput,
  ZTeamInput,
  ZTeamList,
  ZTeamMemberInput,
  ZTeamMemberSetInput,
  ZTeamUpdateInput,
} from './schema';

const tag = 'orgs';

export const orgTeamsRouter = router({
  list: authedProcedure
    .meta(rest('GET', '/orgs/{orgId}/teams', { tag, summary: "An organization's teams with their members" }))
    .input(ZOrgIdInput)
    .output(ZTeamList)
    .query(async ({ ctx, input }) => {
      await requireOrgRole(ctx, input.orgId, ORG_ACCESS.read);
      return { items: await ctx.services.orgs.teams.list(ctx.productId, input.orgId) };
    }),
  create: authedProcedure
    .meta(
      rest('POST', '/orgs/{orgId}/teams', {
        tag,
        summary: 'Create a team (owners and admins); its creator maintains it',
      }),
    )
    .input(ZTeamCreateInput)
    .output(ZTeam)
    .mutation(async ({ ctx, input }) => {
      const access = await requireOrgRole(ctx, input.orgId, ORG_ACCESS.manage);
      return ctx.services.orgs.teams.create(ctx.productId, access, input.orgId, input.name);
    }),
  update: authedProcedure
    .meta(
      rest('PATCH', '/orgs/{orgId}/teams/{teamId}', {
        tag,
        summary: "Rename a team (its maintainers, and the organization's owners and admins)",
      }),
    )
    .input(ZTeamUpdateInput)
    .output(ZTeam)
    .mutation(async ({ ctx, input }) => {
      const access = await requireTeamRole(ctx, input.orgId, input.teamId, ['maintainer']);
      return ctx.services.orgs.teams.update(ctx.productId, access, input);
    }),
  delete: authedProcedure
    .meta(
      rest('DELETE', '/orgs/{orgId}/teams/{teamId}', { tag, summary: 'Delete a team (owners and admins)' }),
    )
    .input(ZTeamInput)
    .output(ZTeamDeleteOutput)
    .mutation(async ({ ctx, input }) => {
      const access = await requireOrgRole(ctx, input.orgId, ORG_ACCESS.manage);
      return ctx.services.orgs.teams.delete(ctx.productId, access, input);
    }),
  setMember: authedProcedure
    .meta(
      rest('PUT', '/orgs/{orgId}/teams/{teamId}/members/{userId}', {
        tag,
        summary:
          "Add a member of the organization to a team, or change their team role (the team's maintainers)",
      }),
    )
    .input(ZTeamMemberSetInput)
    .output(ZTeam)
    .mutation(async ({ ctx, input }) => {
      const access = await requireTeamRole(ctx, input.orgId, input.teamId, ['maintainer']);
      return ctx.services.orgs.teams.setMember(ctx.productId, access, input);
    }),
  deleteMember: authedProcedure
    .meta(
      rest('DELETE', '/orgs/{orgId}/teams/{teamId}/members/{userId}', {
        tag,
        summary: "Take a member off a team (the team's maintainers, or the member themselves)",
      }),
    )
    .input(ZTeamMemberInput)
    .output(ZTeam)
    .mutation(async ({ ctx, input }) => {
      const self = input.userId === ctx.principal.userId;
      const roles = self ? (['maintainer', 'member'] as const) : (['maintainer'] as const);
      const access = await requireTeamRole(ctx, input.orgId, input.teamId, roles);
      return ctx.services.orgs.teams.removeMember(ctx.productId, access, input);
    }),
});
