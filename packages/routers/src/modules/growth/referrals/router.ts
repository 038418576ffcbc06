import { rest } from '../../../lib/openapi';
import { adminProcedure, authedProcedure, publicProcedure, router } from '../../../trpc';
import {
  ZClaimInput,
  ZMyLinkInput,
  ZMyLinkOutput,
  ZReferral,
  ZReferralCounts,
  ZReferralListInput,
  ZReferralListOutput,
  ZReferralProductStats,
  ZTrackInput,
  ZTrackOutput,
} from './schema';

const tag = 'referrals';

export const referralsRouter = router({
  list: adminProcedure
    .meta(
      rest('GET', '/referrals', {
        tag,
        summary: 'Page the referrals of this product, by status or referrer',
      }),
    )
    .input(ZReferralListInput.optional())
    .output(ZReferralListOutput)
    .query(({ ctx, input }) => ctx.services.growth.referrals.list(ctx.productId, input ?? {})),
  stats: adminProcedure
    .meta(
      rest('GET', '/referrals/stats', {
        tag,
        summary: 'Referral counts per status, the conversion rate and the top referrers',
      }),
    )
    .output(ZReferralProductStats)
    .query(({ ctx }) => ctx.services.growth.referrals.productStats(ctx.productId)),
  getMine: authedProcedure
    .meta(rest('GET', '/referrals/me/link', { tag, summary: 'Your referral code and share link' }))
    .input(ZMyLinkInput.optional())
    .output(ZMyLinkOutput)
    .query(({ ctx, input }) =>
      ctx.services.growth.referrals.myLink(ctx.productId, ctx.principal.userId, input?.baseUrl),
    ),
  statsMine: authedProcedure
    .meta(
      rest('GET', '/referrals/me/stats', { tag, summary: 'How many of your referrals are at each status' }),
    )
    .output(ZReferralCounts)
    .query(({ ctx }) => ctx.services.growth.referrals.stats(ctx.productId, ctx.principal.userId)),
  track: publicProcedure
    .meta(
      rest('POST', '/referrals/track', {
        tag,
        summary: 'Record a visit or an invite through a referral link (pending)',
        description: 'With an email, a second track of the same code and email returns the same referral.',
      }),
    )
    .input(ZTrackInput)
    .output(ZTrackOutput)
    .mutation(({ ctx, input }) => ctx.services.growth.referrals.track(ctx.productId, input)),
  claim: authedProcedure
    .meta(
      rest('POST', '/referrals/claim', {
        tag,
        summary: 'As a newly registered user, name the referral code that brought you (signed_up)',
        description:
          'Within 30 days of registering. 400 for your own code, 403 after the window, 404 for an unknown code, ' +
          '409 when another referrer is recorded.',
      }),
    )
    .input(ZClaimInput)
    .output(ZReferral)
    .mutation(async ({ ctx, input }) => {
      const { principal } = ctx;
      const user = await ctx.services.users
        .load(principal.productId, principal.userId)
        .catch(() => undefined);
      return ctx.services.growth.referrals.claim(ctx.productId, input.code, {
        userId: principal.userId,
        email: principal.email,
        registeredAt: user?.createdAt ?? null,
      });
    }),
});
