import { rest } from '../../lib/openapi';
import { actorOf, ORG_ACCESS, requireOrgRole } from '../../org-access';
import { adminProcedure, authedProcedure, router } from '../../trpc';
import { orgInvitationsRouter } from './invitations-router';
import { orgMembersRouter } from './members-router';
import {
  ZLeaveOutput,
  ZOrgCreateInput,
  ZOrgIdInput,
  ZOrgList,
  ZOrgListInput,
  ZOrgMineList,
  ZOrgSubscription,
  ZOrgSubscriptionSetInput,
  ZOrgTransferInput,
  ZOrgUpdateInput,
  ZOrgUsage,
  ZOrgView,
} from './schema';
import { orgTeamsRouter } from './teams-router';

export const tag = 'orgs';

/**
 * Organizations, on both faces. Members manage their own orgs (authed, with org roles checked by
 * `requireOrgRole` in src/org-access.ts); platform admins list every org and pass every role check.
 */
export const orgsRouter = router({
  listMine: authedProcedure
    .meta(rest('GET', '/orgs/mine', { tag, summary: "The caller's organizations, with their role in each" }))
    .output(ZOrgMineList)
    .query(({ ctx }) => ctx.services.orgs.listMine(ctx.productId, ctx.principal.userId)),
  list: adminProcedure
    .meta(
      rest('GET', '/orgs', {
        tag,
        summary: "Every organization of the product, newest first, or one user's (with their role)",
      }),
    )
    .input(ZOrgListInput.optional())
    .output(ZOrgList)
    .query(({ ctx, input }) => ctx.services.orgs.list(ctx.productId, input ?? {})),
  create: authedProcedure
    .meta(rest('POST', '/orgs', { tag, summary: 'Create an organization; the caller becomes its owner' }))
    .input(ZOrgCreateInput)
    .output(ZOrgView)
    .mutation(({ ctx, input }) =>
      ctx.services.orgs.create(ctx.productId, actorOf(ctx.principal), input.name),
    ),
  get: authedProcedure
    .meta(rest('GET', '/orgs/{orgId}', { tag, summary: 'An organization (members only)' }))
    .input(ZOrgIdInput)
    .output(ZOrgView)
    .query(async ({ ctx, input }) => {
      const access = await requireOrgRole(ctx, input.orgId, ORG_ACCESS.read);
      return ctx.services.orgs.get(ctx.productId, input.orgId, access.role);
    }),
  update: authedProcedure
    .meta(rest('PATCH', '/orgs/{orgId}', { tag, summary: 'Rename an organization (owners and admins)' }))
    .input(ZOrgUpdateInput)
    .output(ZOrgView)
    .mutation(async ({ ctx, input }) => {
      const access = await requireOrgRole(ctx, input.orgId, ORG_ACCESS.manage);
      return ctx.services.orgs.update(ctx.productId, access, input.orgId, input.name);
    }),
  transfer: authedProcedure
    .meta(
      rest('POST', '/orgs/{orgId}/transfer', {
        tag,
        summary: 'Transfer ownership to a member (owners); the transferring owner becomes an admin',
      }),
    )
    .input(ZOrgTransferInput)
    .output(ZOrgView)
    .mutation(async ({ ctx, input }) => {
      const access = await requireOrgRole(ctx, input.orgId, ORG_ACCESS.owner);
      return ctx.services.orgs.transfer(ctx.productId, access, input.orgId, input.userId);
    }),
  leave: authedProcedure
    .meta(
      rest('POST', '/orgs/{orgId}/leave', {
        tag,
        summary: 'Leave an organization (the last owner cannot: transfer ownership first)',
      }),
    )
    .input(ZOrgIdInput)
    .output(ZLeaveOutput)
    .mutation(async ({ ctx, input }) => {
      const { userId } = ctx.principal;
      // Leaving is a member's own act: a platform admin who is not a member has nothing to leave.
      const access = await requireOrgRole(ctx, input.orgId, ORG_ACCESS.read);
      await ctx.services.orgs.members.remove(ctx.productId, access, { orgId: input.orgId, userId }, 'left');
      return { orgId: input.orgId, userId, left: true as const };
    }),
  getSubscription: authedProcedure
    .meta(
      rest('GET', '/orgs/{orgId}/subscription', {
        tag,
        summary: "The organization's plan and seats (owners, admins and billing members)",
      }),
    )
    .input(ZOrgIdInput)
    .output(ZOrgSubscription)
    .query(async ({ ctx, input }) => {
      await requireOrgRole(ctx, input.orgId, ORG_ACCESS.billing);
      return ctx.services.orgs.billing.getSubscription(ctx.productId, input.orgId);
    }),
  setSubscription: authedProcedure
    .meta(
      rest('PUT', '/orgs/{orgId}/subscription', {
        tag,
        summary: "Pay for the organization with a member's subscription (owners and billing members)",
        description:
          "userId names an owner or billing member whose subscription's plan gives the organization its seats " +
          'and quotas; null returns it to the product default plan. Refused (409, naming seats) when that plan ' +
          'has fewer seats than the organization has members.',
      }),
    )
    .input(ZOrgSubscriptionSetInput)
    .output(ZOrgSubscription)
    .mutation(async ({ ctx, input }) => {
      const access = await requireOrgRole(ctx, input.orgId, ORG_ACCESS.subscription);
      return ctx.services.orgs.billing.setSubscription(ctx.productId, access, input);
    }),
  getUsage: authedProcedure
    .meta(
      rest('GET', '/orgs/{orgId}/usage', {
        tag,
        summary:
          "The organization's usage: its members' use this period, summed per metric, against its plan",
      }),
    )
    .input(ZOrgIdInput)
    .output(ZOrgUsage)
    .query(async ({ ctx, input }) => {
      await requireOrgRole(ctx, input.orgId, ORG_ACCESS.billing);
      return ctx.services.orgs.billing.usage(ctx.productId, input.orgId);
    }),
  members: orgMembersRouter,
  teams: orgTeamsRouter,
  invitations: orgInvitationsRouter,
});
