import { rest } from '../../lib/openapi';
import { authedProcedure, publicProcedure, router } from '../../trpc';
import { impersonationProcedures } from './impersonation-router';
import { recoveryProcedures } from './recovery-router';
import {
  ZAuthResult,
  ZEmptyInput,
  ZLoginInput,
  ZLogoutOutput,
  ZMeOutput,
  ZRefreshInput,
  ZRegisterInput,
} from './schema';

const tag = 'auth';

export const authRouter = router({
  ...impersonationProcedures,
  ...recoveryProcedures,
  register: publicProcedure
    .meta(rest('POST', '/auth/register', { tag, summary: 'Create an account in this product' }))
    .input(ZRegisterInput)
    .output(ZAuthResult)
    .mutation(({ ctx, input }) =>
      ctx.services.auth.register(ctx.productId, input, { ip: ctx.ip, userAgent: ctx.userAgent }),
    ),
  login: publicProcedure
    .meta(rest('POST', '/auth/login', { tag, summary: 'Sign in with email and password' }))
    .input(ZLoginInput)
    .output(ZAuthResult)
    .mutation(({ ctx, input }) =>
      ctx.services.auth.login(ctx.productId, input, { ip: ctx.ip, userAgent: ctx.userAgent }),
    ),
  refresh: publicProcedure
    .meta(
      rest('POST', '/auth/refresh', {
        tag,
        summary: 'Swap a refresh token for new tokens',
        description: 'The refresh token rotates; presenting a rotated one again revokes the session.',
      }),
    )
    .input(ZRefreshInput)
    .output(ZAuthResult)
    .mutation(({ ctx, input }) =>
      ctx.services.auth.refresh(input.refreshToken, { ip: ctx.ip, userAgent: ctx.userAgent }),
    ),
  logout: authedProcedure
    .meta(rest('POST', '/auth/logout', { tag, summary: 'Revoke the current session' }))
    .input(ZEmptyInput.optional())
    .output(ZLogoutOutput)
    .mutation(async ({ ctx }) => {
      const { principal } = ctx;
      if (principal.sessionId) await ctx.services.auth.logout(principal.userId, principal.sessionId);
      return { ok: true as const };
    }),
  getMine: authedProcedure
    .meta(rest('GET', '/auth/me', { tag, summary: 'The signed-in user' }))
    .input(ZEmptyInput.optional())
    .output(ZMeOutput)
    .query(async ({ ctx }) => ({
      ...(await ctx.services.auth.me(ctx.principal.productId, ctx.principal.userId)),
      sessionId: ctx.principal.sessionId ?? null,
    })),
});
