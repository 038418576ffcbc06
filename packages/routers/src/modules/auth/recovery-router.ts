import { AppError } from '../../app-error';
import type { Context } from '../../context';
import { rest } from '../../lib/openapi';
import { publicProcedure } from '../../trpc';
import {
  ZAcceptedOutput,
  ZForgotPasswordInput,
  ZResendVerificationInput,
  ZResetPasswordInput,
  ZResetPasswordOutput,
  ZVerifyEmailInput,
  ZVerifyEmailOutput,
} from './recovery-schema';

const tag = 'auth';

/** The product a request names in its body, else the request's own; an unknown one is a 404 naming it. */
const productOf = async (ctx: Context, productId: string | undefined): Promise<string> => {
  if (!productId || productId === ctx.productId) return ctx.productId;
  if (!(await ctx.services.products.find(productId))) {
    throw new AppError('NOT_FOUND', `Unknown product '${productId}'`, {
      fields: [{ path: 'productId', message: 'No such product' }],
    });
  }
  return productId;
};

/**
 * Password reset and email verification, spread into the auth router. Public: a person who lost their
 * password has no session, and a link is the credential. The two request endpoints answer 202 on the REST face
 * with the same body whatever happened, since what happens next (a mail, or none) is the account's business.
 */
export const recoveryProcedures = {
  requestPasswordReset: publicProcedure
    .meta(
      rest('POST', '/auth/forgot-password', {
        tag,
        summary: 'Ask for a password reset link by mail',
        description:
          'Always 202 with the same body, in about the same time, whether or not an account uses the address ' +
          'and whether or not a limit (3 an hour per address, 20 an hour per client address) was reached. The ' +
          'link works once, for an hour; a newer request voids older links.',
        successStatus: 202,
      }),
    )
    .input(ZForgotPasswordInput)
    .output(ZAcceptedOutput)
    .mutation(async ({ ctx, input }) =>
      ctx.services.auth.passwordReset.request(await productOf(ctx, input.productId), input.email, {
        ip: ctx.ip,
      }),
    ),
  resetPassword: publicProcedure
    .meta(
      rest('POST', '/auth/reset-password', {
        tag,
        summary: 'Set a new password with a reset link’s token',
        description:
          'The password policy applies (8 to 128 characters, not the email, not a common password: a 400 ' +
          'naming `newPassword`). A used, expired or unknown token is a 400 naming `token`. Every session of ' +
          'the account is revoked and a password-changed notice is mailed.',
      }),
    )
    .input(ZResetPasswordInput)
    .output(ZResetPasswordOutput)
    .mutation(({ ctx, input }) =>
      ctx.services.auth.passwordReset.reset(input, { ip: ctx.ip, requestId: ctx.requestId }),
    ),
  verifyEmail: publicProcedure
    .meta(
      rest('POST', '/auth/verify-email', {
        tag,
        summary: 'Verify an email address with the mailed link’s token',
        description:
          'A used, expired or unknown token, or one for an address the account no longer has, is a 400.',
      }),
    )
    .input(ZVerifyEmailInput)
    .output(ZVerifyEmailOutput)
    .mutation(({ ctx, input }) => ctx.services.auth.verification.verify(input.token)),
  resendVerification: publicProcedure
    .meta(
      rest('POST', '/auth/resend-verification', {
        tag,
        summary: 'Mail a new email verification link',
        description:
          'Signed in: for your own address (3 an hour). Without a session, for `email` (the case of a sign-in ' +
          'refused with `reason: email_not_verified`): always 202 with the same body, within the same limits as ' +
          'a reset request.',
        successStatus: 202,
      }),
    )
    .input(ZResendVerificationInput)
    .output(ZAcceptedOutput)
    .mutation(async ({ ctx, input }) => {
      const { principal } = ctx;
      if (principal) {
        return ctx.services.auth.verification.resend(
          principal.productId,
          { userId: principal.userId },
          { ip: ctx.ip },
        );
      }
      if (!input.email) {
        throw new AppError('VALIDATION', 'Give the email address, or sign in', {
          fields: [{ path: 'email', message: 'Required without a session' }],
        });
      }
      return ctx.services.auth.verification.resend(
        await productOf(ctx, input.productId),
        { email: input.email },
        { ip: ctx.ip },
      );
    }),
};
