import { rest } from '../../../lib/openapi';
import { adminProcedure, publicProcedure, router } from '../../../trpc';
import { ZIdInput } from '../../users/schema';
import {
  ZInviteInput,
  ZInviteNextInput,
  ZInviteOutput,
  ZJoinInput,
  ZJoinOutput,
  ZPositionInput,
  ZPositionOutput,
  ZWaitlistEntry,
  ZWaitlistListInput,
  ZWaitlistListOutput,
  ZWaitlistStats,
  ZWaitlistUpdateInput,
} from './schema';

const tag = 'waitlist';
const targetType = 'waitlist_entry';

export const waitlistRouter = router({
  // Fixed paths before /waitlist/{id}: the REST face matches in order.
  stats: adminProcedure
    .meta(
      rest('GET', '/waitlist/stats', { tag, summary: 'Waitlist counts per status and the conversion rate' }),
    )
    .output(ZWaitlistStats)
    .query(({ ctx }) => ctx.services.growth.waitlist.stats(ctx.productId)),
  list: adminProcedure
    .meta(
      rest('GET', '/waitlist', {
        tag,
        summary: 'Page the waitlist by status, email and join date, sorted by position or date',
        description: 'The whole filtered list as CSV: GET /v1/waitlist/export.csv with the same filters.',
      }),
    )
    .input(ZWaitlistListInput.optional())
    .output(ZWaitlistListOutput)
    .query(({ ctx, input }) => ctx.services.growth.waitlist.list(ctx.productId, input ?? {})),
  get: adminProcedure
    .meta(rest('GET', '/waitlist/{id}', { tag, summary: 'One waitlist entry' }))
    .input(ZIdInput)
    .output(ZWaitlistEntry)
    .query(({ ctx, input }) => ctx.services.growth.waitlist.get(ctx.productId, input.id)),
  update: adminProcedure
    .meta(
      rest('PATCH', '/waitlist/{id}', {
        tag,
        summary: "Change an entry's name or note, or move it between waiting and removed",
        targetType,
      }),
    )
    .input(ZWaitlistUpdateInput)
    .output(ZWaitlistEntry)
    .mutation(({ ctx, input }) => ctx.services.growth.waitlist.update(ctx.productId, input)),
  remove: adminProcedure
    .meta(
      rest('POST', '/waitlist/{id}/remove', {
        tag,
        summary: 'Take an entry off the waitlist (kept, with its position, as removed)',
        targetType,
      }),
    )
    .input(ZIdInput)
    .output(ZWaitlistEntry)
    .mutation(({ ctx, input }) => ctx.services.growth.waitlist.remove(ctx.productId, input.id)),
  invite: adminProcedure
    .meta(
      rest('POST', '/waitlist/invite', {
        tag,
        summary: 'Invite these waiting entries, each with a single-use invitation code',
        targetType,
      }),
    )
    .input(ZInviteInput)
    .output(ZInviteOutput)
    .mutation(({ ctx, input }) =>
      ctx.services.growth.waitlist.invite(ctx.productId, input.ids, ctx.principal.userId),
    ),
  inviteNext: adminProcedure
    .meta(
      rest('POST', '/waitlist/invite-next', {
        tag,
        summary: 'Invite the next N waiting entries in position order',
        targetType,
      }),
    )
    .input(ZInviteNextInput)
    .output(ZInviteOutput)
    .mutation(({ ctx, input }) =>
      ctx.services.growth.waitlist.inviteNext(ctx.productId, input.count, ctx.principal.userId),
    ),
  join: publicProcedure
    .meta(
      rest('POST', '/waitlist/join', {
        tag,
        summary: 'Join the waitlist; answers your position and a token to look it up later',
        description: 'Joining again with the same email answers the existing entry (without a new token).',
      }),
    )
    .input(ZJoinInput)
    .output(ZJoinOutput)
    .mutation(({ ctx, input }) => ctx.services.growth.waitlist.join(ctx.productId, input)),
  getPosition: publicProcedure
    .meta(
      rest('POST', '/waitlist/position', {
        tag,
        summary: 'Your waitlist position and how many are still ahead of you',
      }),
    )
    .input(ZPositionInput)
    .output(ZPositionOutput)
    .mutation(({ ctx, input }) => ctx.services.growth.waitlist.position(ctx.productId, input.token)),
});
