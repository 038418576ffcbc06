import { rest } from '../../lib/openapi';
import { auditedAuthedProcedure, authedProcedure, publicProcedure, router } from '../../trpc';
import type { TRole } from '../users/schema';
import { ZUser } from '../users/schema';
import {
  ZAccountMine,
  ZChangePasswordInput,
  ZConfirmEmailChangeInput,
  ZDataExport,
  ZDataExportIdInput,
  ZDataExportList,
  ZDataExportListInput,
  ZDeletionStatus,
  ZEmailChanged,
  ZEmailChangeRequested,
  ZPasswordChanged,
  ZRequestDeletionInput,
  ZRequestEmailChangeInput,
  ZUpdateProfileInput,
} from './schema';

const tag = 'account';
const targetType = 'user';

type Ctx = {
  principal: { userId: string; email: string; roles: TRole[]; sessionId?: string; tokenId?: string };
  requestId: string;
  ip: string;
};
const self = (ctx: Ctx) => ({
  userId: ctx.principal.userId,
  sessionId: ctx.principal.sessionId,
  requestId: ctx.requestId,
  ip: ctx.ip,
});

/** The signed-in user acting on their own account; no procedure takes another user's id. */
export const accountRouter = router({
  getMine: authedProcedure
    .meta(
      rest('GET', '/account', { tag, summary: 'Your profile, email verification and scheduled deletion' }),
    )
    .output(ZAccountMine)
    .query(({ ctx }) => ctx.services.account.getMine(ctx.productId, ctx.principal.userId)),
  updateProfile: auditedAuthedProcedure
    .meta(rest('PATCH', '/account/profile', { tag, summary: 'Change your name', targetType }))
    .input(ZUpdateProfileInput)
    .output(ZUser)
    .mutation(({ ctx, input }) => ctx.services.account.updateProfile(ctx.productId, self(ctx), input.name)),
  changePassword: authedProcedure
    .meta(
      rest('POST', '/account/password', {
        tag,
        summary: 'Change your password',
        description:
          'Needs the current password (400 naming currentPassword when wrong); the new one must pass the ' +
          'password policy. Your other sessions are signed out and a notice is mailed.',
      }),
    )
    .input(ZChangePasswordInput)
    .output(ZPasswordChanged)
    .mutation(({ ctx, input }) => ctx.services.account.changePassword(ctx.productId, self(ctx), input)),
  requestEmailChange: auditedAuthedProcedure
    .meta(
      rest('POST', '/account/email', {
        tag,
        summary: 'Move your account to another address: a confirmation link goes to the new one',
        targetType,
        description:
          'Needs your password. 409 naming newEmail when another account uses the address. The account keeps ' +
          'its address until the link (single use, valid 24 hours) is followed.',
        successStatus: 202,
      }),
    )
    .input(ZRequestEmailChangeInput)
    .output(ZEmailChangeRequested)
    .mutation(({ ctx, input }) => ctx.services.account.requestEmailChange(ctx.productId, self(ctx), input)),
  confirmEmailChange: publicProcedure
    .meta(
      rest('POST', '/account/email/confirm', {
        tag,
        summary: 'Confirm a new address with the token mailed to it',
        description: 'The address becomes the account’s, verified; the old address is told.',
      }),
    )
    .input(ZConfirmEmailChangeInput)
    .output(ZEmailChanged)
    .mutation(({ ctx, input }) => ctx.services.account.confirmEmailChange(input.token)),
  requestDataExport: auditedAuthedProcedure
    .meta(
      rest('POST', '/account/data-exports', {
        tag,
        summary: 'Start an archive of everything the platform holds about you (JSON)',
        targetType: 'export',
        description:
          'Runs in the background (follow it with GET /v1/account/data-exports/{id}); a signed link is mailed ' +
          'when it is ready, and the file is deleted after 7 days. 409 while another one is being prepared.',
        successStatus: 202,
      }),
    )
    .output(ZDataExport)
    .mutation(({ ctx }) =>
      ctx.services.account.dataExports.request(ctx.productId, {
        ...self(ctx),
        email: ctx.principal.email,
        roles: ctx.principal.roles,
        tokenId: ctx.principal.tokenId ?? null,
      }),
    ),
  listDataExports: authedProcedure
    .meta(rest('GET', '/account/data-exports', { tag, summary: 'Your data exports, newest first' }))
    .input(ZDataExportListInput.optional())
    .output(ZDataExportList)
    .query(({ ctx, input }) =>
      ctx.services.account.dataExports.list(ctx.productId, ctx.principal.userId, input ?? {}),
    ),
  getDataExport: authedProcedure
    .meta(
      rest('GET', '/account/data-exports/{id}', {
        tag,
        summary: 'One of your data exports: progress, and a signed download link once ready',
      }),
    )
    .input(ZDataExportIdInput)
    .output(ZDataExport)
    .query(({ ctx, input }) =>
      ctx.services.account.dataExports.get(ctx.productId, ctx.principal.userId, input.id),
    ),
  requestDeletion: auditedAuthedProcedure
    .meta(
      rest('POST', '/account/deletion', {
        tag,
        summary: 'Schedule the deletion of your account and its data',
        targetType,
        description:
          'Needs your password. The account is deleted after the grace period (ACCOUNT_DELETION_GRACE_DAYS, ' +
          'default 14 days); cancelling or signing in before then calls it off.',
      }),
    )
    .input(ZRequestDeletionInput)
    .output(ZDeletionStatus)
    .mutation(({ ctx, input }) =>
      ctx.services.account.deletion.request(ctx.productId, ctx.principal.userId, input.password),
    ),
  cancelDeletion: auditedAuthedProcedure
    .meta(
      rest('POST', '/account/deletion/cancel', {
        tag,
        summary: 'Call off the scheduled deletion of your account',
      }),
    )
    .output(ZDeletionStatus)
    .mutation(({ ctx }) => ctx.services.account.deletion.cancel(ctx.productId, ctx.principal.userId)),
});
