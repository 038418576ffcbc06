import { rest } from '../../../lib/openapi';
import { adminProcedure, authedProcedure, router } from '../../../trpc';
import { ZPaymentListInput, ZPaymentListOutput, ZPortalSessionInput, ZPortalSessionOutput } from './schema';

const tag = 'stripe';

/** The inbound webhook itself is a raw-body Fastify route (apps/api plugins/stripe-webhook.ts). */
export const stripeRouter = router({
  createPortalSession: authedProcedure
    .meta(
      rest('POST', '/stripe/portal-session', {
        tag,
        summary: "A Stripe billing-portal URL for the caller's customer (created if missing)",
        description: 'Answers 503 when the server has no Stripe secret key or portal return URL.',
      }),
    )
    .input(ZPortalSessionInput)
    .output(ZPortalSessionOutput)
    .mutation(({ ctx, input }) =>
      ctx.services.billing.stripe.portalSession(
        ctx.productId,
        { userId: ctx.principal.userId, email: ctx.principal.email },
        input?.returnUrl,
      ),
    ),
  listPayments: adminProcedure
    .meta(rest('GET', '/stripe/payments', { tag, summary: "A user's invoice payments, newest first" }))
    .input(ZPaymentListInput)
    .output(ZPaymentListOutput)
    .query(({ ctx, input }) => ctx.services.billing.stripe.listPayments(ctx.productId, input)),
});
