import { rest } from '../../lib/openapi';
import { adminProcedure, authedProcedure } from '../../trpc';
import type { ImpersonationRequest } from './impersonation';
import {
  ZEndImpersonationInput,
  ZEndImpersonationOutput,
  ZImpersonateInput,
  ZImpersonation,
} from './impersonation-schema';

const tag = 'auth';

const requestOf = (
  ctx: Omit<ImpersonationRequest, 'principal'>,
  principal: ImpersonationRequest['principal'],
) => ({
  productId: ctx.productId,
  principal,
  requestId: ctx.requestId,
  ip: ctx.ip,
  userAgent: ctx.userAgent,
});

/** Admin shadow mode, spread into the auth router (`auth.impersonate`, `auth.endImpersonation`). */
export const impersonationProcedures = {
  impersonate: adminProcedure
    .meta({
      ...rest('POST', '/auth/impersonate', {
        tag,
        summary: 'View the product as one of its users: a read-only shadow token for 15 minutes',
        description:
          'Admins only; never for an admin or super_admin, and only for users of the request’s product (a ' +
          'super_admin picks another product with x-product-id). The token carries `impersonatedBy`, cannot be ' +
          'renewed (there is no refresh token) and is read-only: every change made with it is refused with 403. ' +
          'Every request made with it is recorded in the audit log.',
      }),
      impersonation: 'starts',
    })
    .input(ZImpersonateInput)
    .output(ZImpersonation)
    .mutation(({ ctx, input }) =>
      ctx.services.auth.impersonation.start(requestOf(ctx, ctx.principal), input),
    ),
  endImpersonation: authedProcedure
    .meta({
      ...rest('POST', '/auth/impersonate/end', {
        tag,
        summary: 'End an impersonation at once',
        description:
          'With the shadow token: ends it (no input; the one change a shadow token may make). An admin ends ' +
          'one of their product’s with their own token, naming `targetUserId` and `sessionId`.',
      }),
      impersonation: 'ends',
    })
    .input(ZEndImpersonationInput.optional())
    .output(ZEndImpersonationOutput)
    .mutation(({ ctx, input }) =>
      ctx.services.auth.impersonation.end(requestOf(ctx, ctx.principal), input ?? {}),
    ),
};
