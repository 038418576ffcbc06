import { rest } from '../../../lib/openapi';
import { adminProcedure, authedProcedure, publicProcedure, router } from '../../../trpc';
import { ZIdInput } from '../../users/schema';
import {
  ZCodeInput,
  ZInvitation,
  ZInvitationCreateInput,
  ZInvitationDetail,
  ZInvitationListInput,
  ZInvitationListOutput,
  ZInvitationValidateOutput,
  ZRedeemOutput,
} from './schema';

const tag = 'invitations';
const targetType = 'invitation';

export const invitationsRouter = router({
  list: adminProcedure
    .meta(
      rest('GET', '/invitations', { tag, summary: 'Page the invitation codes of this product, by status' }),
    )
    .input(ZInvitationListInput.optional())
    .output(ZInvitationListOutput)
    .query(({ ctx, input }) => ctx.services.growth.invitations.list(ctx.productId, input ?? {})),
  get: adminProcedure
    .meta(rest('GET', '/invitations/{id}', { tag, summary: 'One invitation code with its redemptions' }))
    .input(ZIdInput)
    .output(ZInvitationDetail)
    .query(({ ctx, input }) => ctx.services.growth.invitations.get(ctx.productId, input.id)),
  create: adminProcedure
    .meta(
      rest('POST', '/invitations', {
        tag,
        summary: 'Create an invitation code (random unless given), with a use limit and an expiry',
        targetType,
      }),
    )
    .input(ZInvitationCreateInput)
    .output(ZInvitation)
    .mutation(({ ctx, input }) =>
      ctx.services.growth.invitations.create(ctx.productId, input, ctx.principal.userId),
    ),
  revoke: adminProcedure
    .meta(rest('POST', '/invitations/{id}/revoke', { tag, summary: 'Revoke an invitation code', targetType }))
    .input(ZIdInput)
    .output(ZInvitation)
    .mutation(({ ctx, input }) =>
      ctx.services.growth.invitations.revoke(ctx.productId, input.id, ctx.principal.userId),
    ),
  validate: publicProcedure
    .meta(
      rest('POST', '/invitations/validate', {
        tag,
        summary: 'Is this invitation code redeemable?',
        description: 'Answers valid with a reason: ok, unknown, expired, exhausted or revoked.',
      }),
    )
    .input(ZCodeInput)
    .output(ZInvitationValidateOutput)
    .mutation(({ ctx, input }) => ctx.services.growth.invitations.validate(ctx.productId, input.code)),
  redeem: authedProcedure
    .meta(
      rest('POST', '/invitations/redeem', {
        tag,
        summary: 'Redeem an invitation code as the signed-in user',
        description:
          '404 for an unknown code, 403 when revoked or expired, 409 when it has no uses left or you already redeemed it.',
      }),
    )
    .input(ZCodeInput)
    .output(ZRedeemOutput)
    .mutation(({ ctx, input }) =>
      ctx.services.growth.invitations.redeem(ctx.productId, input.code, {
        userId: ctx.principal.userId,
        email: ctx.principal.email,
      }),
    ),
});
