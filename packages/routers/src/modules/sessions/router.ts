import { rest } from '../../lib/openapi';
import { adminProcedure, authedProcedure, publicProcedure, router } from '../../trpc';
import {
  ZReportInput,
  ZReportOutput,
  ZRevokeAllMineInput,
  ZRevokeOutput,
  ZSessionIdInput,
  ZSessionList,
  ZUserSessionInput,
  ZUserSessionsInput,
} from './schema';
import { listSessions } from './views';

const tag = 'sessions';
/** Admin revocations are audited against the user whose sessions they end. */
const targetType = 'user';

export const sessionsRouter = router({
  listMine: authedProcedure
    .meta(
      rest('GET', '/sessions', {
        tag,
        summary: 'Your signed-in sessions',
        description:
          'Live sessions only, the current one first (`current: true`). Last activity is refreshed at most once a minute.',
      }),
    )
    .output(ZSessionList)
    .query(({ ctx }) =>
      listSessions(ctx.services, {
        productId: ctx.principal.productId,
        userId: ctx.principal.userId,
        currentSessionId: ctx.principal.sessionId,
        includeEnded: false,
      }),
    ),
  revokeMine: authedProcedure
    .meta(
      rest('DELETE', '/sessions/{id}', {
        tag,
        summary: 'Sign one of your sessions out',
        description:
          "Its refresh token stops working at once; an access token it issued is refused at once by the instance that answers this, and by every other within SESSION_CACHE_TTL_MS. Another user's session is a 404.",
      }),
    )
    .input(ZSessionIdInput)
    .output(ZRevokeOutput)
    .mutation(({ ctx, input }) => ctx.services.sessions.revokeMine(ctx.principal.userId, input.id)),
  revokeAllMine: authedProcedure
    .meta(
      rest('DELETE', '/sessions', {
        tag,
        summary: 'Sign out everywhere',
        description: 'Every one of your sessions ends; with `keepCurrent=true`, every one but this.',
      }),
    )
    .input(ZRevokeAllMineInput.optional())
    .output(ZRevokeOutput)
    .mutation(({ ctx, input }) =>
      ctx.services.sessions.revokeAllMine(
        ctx.principal.userId,
        input?.keepCurrent ? ctx.principal.sessionId : undefined,
      ),
    ),
  report: publicProcedure
    .meta(
      rest('POST', '/sessions/report', {
        tag,
        summary: '"This wasn\'t me": sign out the session a new sign-in mail was about',
        description:
          "Takes the single-use token from the mail's link. A POST, so a mail scanner that fetches the link does nothing; a used, unknown or altered token is a 400.",
      }),
    )
    .input(ZReportInput)
    .output(ZReportOutput)
    .mutation(({ ctx, input }) => ctx.services.sessions.report(input.token)),
  listByUser: adminProcedure
    .meta(
      rest('GET', '/sessions/user/{userId}', {
        tag,
        summary: "A user's sessions",
        description: 'Live ones first, then those revoked or expired that are still kept (about a week).',
      }),
    )
    .input(ZUserSessionsInput)
    .output(ZSessionList)
    .query(({ ctx, input }) =>
      listSessions(ctx.services, {
        productId: ctx.productId,
        userId: input.userId,
        currentSessionId: ctx.principal.sessionId,
        includeEnded: true,
      }),
    ),
  revokeAll: adminProcedure
    .meta(
      rest('DELETE', '/sessions/user/{userId}', {
        tag,
        summary: "Sign a user out everywhere (force-revoke all of the user's sessions)",
        targetType,
      }),
    )
    .input(ZUserSessionsInput)
    .output(ZRevokeOutput)
    .mutation(async ({ ctx, input }) => ({
      revoked: await ctx.services.sessions.revokeAll(input.userId, 'admin', {
        productId: ctx.productId,
        actorId: ctx.principal.userId,
      }),
    })),
  revoke: adminProcedure
    .meta(
      rest('DELETE', '/sessions/user/{userId}/{sessionId}', {
        tag,
        summary: "Force-revoke one of a user's sessions",
        targetType,
      }),
    )
    .input(ZUserSessionInput)
    .output(ZRevokeOutput)
    .mutation(({ ctx, input }) =>
      ctx.services.sessions.revokeOfUser(ctx.productId, input.userId, input.sessionId, ctx.principal.userId),
    ),
});
