import { rest } from '../../lib/openapi';
import { ORG_ACCESS, requireOrgRole } from '../../org-access';
import { authedProcedure, router } from '../../trpc';
import {
  ZMemberCreateInput,
  ZMemberDeleteOutput,
  ZMemberInput,
  ZMemberList,
  ZMemberUpdateInput,
  ZOrgIdInput,
  ZOrgMember,
} from './schema';

const tag = 'orgs';

export const orgMembersRouter = router({
  list: authedProcedure
    .meta(rest('GET', '/orgs/{orgId}/members', { tag, summary: "An organization's members (members only)" }))
    .input(ZOrgIdInput)
    .output(ZMemberList)
    .query(async ({ ctx, input }) => {
      await requireOrgRole(ctx, input.orgId, ORG_ACCESS.read);
      return { items: await ctx.services.orgs.members.list(ctx.productId, input.orgId) };
    }),
  create: authedProcedure
    .meta(
      rest('POST', '/orgs/{orgId}/members', {
        tag,
        summary: 'Add a user of the product to an organization (owners and admins), within its seats',
      }),
    )
    .input(ZMemberCreateInput)
    .output(ZOrgMember)
    .mutation(async ({ ctx, input }) => {
      const access = await requireOrgRole(ctx, input.orgId, ORG_ACCESS.manage);
      return ctx.services.orgs.members.create(ctx.productId, access, input);
    }),
  update: authedProcedure
    .meta(
      rest('PATCH', '/orgs/{orgId}/members/{userId}', {
        tag,
        summary: "Change a member's role (owners and admins; only owners grant or take away ownership)",
      }),
    )
    .input(ZMemberUpdateInput)
    .output(ZOrgMember)
    .mutation(async ({ ctx, input }) => {
      const access = await requireOrgRole(ctx, input.orgId, ORG_ACCESS.manage);
      return ctx.services.orgs.members.update(ctx.productId, access, input);
    }),
  delete: authedProcedure
    .meta(
      rest('DELETE', '/orgs/{orgId}/members/{userId}', {
        tag,
        summary: 'Remove a member (owners and admins; only owners remove an owner, never the last one)',
      }),
    )
    .input(ZMemberInput)
    .output(ZMemberDeleteOutput)
    .mutation(async ({ ctx, input }) => {
      const access = await requireOrgRole(ctx, input.orgId, ORG_ACCESS.manage);
      await ctx.services.orgs.members.remove(ctx.productId, access, input, 'removed');
      return { orgId: input.orgId, userId: input.userId, deleted: true };
    }),
});
