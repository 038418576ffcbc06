import { rest } from '../../lib/openapi';
import { ORG_ACCESS, requireOrgRole } from '../../org-access';
import { authedProcedure, publicProcedure, router } from '../../trpc';
import {
  ZInvitationAcceptOutput,
  ZInvitationCreateInput,
  ZInvitationInput,
  ZInvitationList,
  ZInvitationListInput,
  ZInvitationPreview,
  ZInvitationTokenInput,
  ZOrgInvitation,
} from './schema';

const tag = 'orgs';

export const orgInvitationsRouter = router({
  validate: publicProcedure
    .meta(
      rest('GET', '/orgs/invitations/validate', {
        tag,
        summary: 'What an invitation link offers (org, role, address) and whether it can still be used',
      }),
    )
    .input(ZInvitationTokenInput)
    .output(ZInvitationPreview)
    .query(({ ctx, input }) => ctx.services.orgs.invitations.validate(input.token)),
  accept: publicProcedure
    .meta(
      rest('POST', '/orgs/invitations/accept', {
        tag,
        summary:
          'Accept an invitation with the token from its mail; the account with the invited address joins',
        description:
          'The link proves the address, as a verification link does; it works once. 409 with reason ' +
          'invitation_expired, invitation_revoked or invitation_accepted when it can no longer be used; ' +
          'account_required when no account uses the address yet; seats_exhausted when the plan is full.',
      }),
    )
    .input(ZInvitationTokenInput)
    .output(ZInvitationAcceptOutput)
    .mutation(({ ctx, input }) => ctx.services.orgs.invitations.accept(input.token)),
  list: authedProcedure
    .meta(
      rest('GET', '/orgs/{orgId}/invitations', {
        tag,
        summary: "An organization's invitations, newest last (owners and admins); status filters them",
      }),
    )
    .input(ZInvitationListInput)
    .output(ZInvitationList)
    .query(async ({ ctx, input }) => {
      await requireOrgRole(ctx, input.orgId, ORG_ACCESS.manage);
      return { items: await ctx.services.orgs.invitations.list(ctx.productId, input.orgId, input.status) };
    }),
  create: authedProcedure
    .meta(
      rest('POST', '/orgs/{orgId}/invitations', {
        tag,
        summary: 'Invite an address (owners and admins): a one-time accept link is mailed to it',
      }),
    )
    .input(ZInvitationCreateInput)
    .output(ZOrgInvitation)
    .mutation(async ({ ctx, input }) => {
      const access = await requireOrgRole(ctx, input.orgId, ORG_ACCESS.manage);
      return ctx.services.orgs.invitations.create(ctx.productId, access, input);
    }),
  revoke: authedProcedure
    .meta(
      rest('POST', '/orgs/{orgId}/invitations/{invitationId}/revoke', {
        tag,
        summary: 'Revoke a pending invitation; its link stops working (owners and admins)',
      }),
    )
    .input(ZInvitationInput)
    .output(ZOrgInvitation)
    .mutation(async ({ ctx, input }) => {
      const access = await requireOrgRole(ctx, input.orgId, ORG_ACCESS.manage);
      return ctx.services.orgs.invitations.revoke(ctx.productId, access, input);
    }),
});
