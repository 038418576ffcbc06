import { z } from 'zod';
import { rest } from '../../lib/openapi';
import { adminProcedure } from '../../trpc';
import { ZEmail, ZIdInput, ZUser } from '../users/schema';

const tag = 'users';
const targetType = 'user';

/** Admins' side of email verification, spread into the users router (paths under /users/{id}); all audited. */
export const userVerificationProcedures = {
  setEmail: adminProcedure
    .meta(
      rest('PUT', '/users/{id}/email', {
        tag,
        summary: "Change a user's email address",
        description:
          'The new address is unverified until its owner follows the verification link mailed to it. A taken ' +
          'address is a 409 naming `email`.',
        targetType,
      }),
    )
    .input(ZIdInput.extend({ email: ZEmail }))
    .output(ZUser)
    .mutation(({ ctx, input }) =>
      ctx.services.auth.verification.changeEmail(ctx.productId, ctx.principal, input.id, input.email),
    ),
  resendVerification: adminProcedure
    .meta(
      rest('POST', '/users/{id}/resend-verification', {
        tag,
        summary: 'Mail a user a new email verification link',
        description: 'A 409 when the address is already verified.',
        targetType,
      }),
    )
    .input(ZIdInput)
    .output(z.object({ id: z.string(), email: z.string(), sent: z.literal(true) }))
    .mutation(({ ctx, input }) => ctx.services.auth.verification.resendFor(ctx.productId, input.id)),
  verifyEmail: adminProcedure
    .meta(
      rest('POST', '/users/{id}/mark-verified', {
        tag,
        summary: "Mark a user's email address verified",
        description: 'For an address the admin knows to be the user’s (support checked it another way).',
        targetType,
      }),
    )
    .input(ZIdInput)
    .output(ZUser)
    .mutation(({ ctx, input }) =>
      ctx.services.auth.verification.markVerifiedBy(ctx.productId, input.id, ctx.principal),
    ),
};
