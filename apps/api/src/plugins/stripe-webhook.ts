import type { StripeService } from '@bytelyst/routers/modules/billing/stripe/service';
import type { FastifyInstance } from 'fastify';
import { describeError } from './errors';

export const STRIPE_WEBHOOK_PATH = '/v1/stripe/webhook';
/** Stripe events are a few KB; invoices with many lines stay well under this. */
const BODY_LIMIT = 512 * 1024;

/**
 * The inbound Stripe webhook. The signature covers the exact bytes Stripe sent, so this route (in its own
 * scope) takes the body as a raw buffer instead of parsed JSON. 200 = applied or a duplicate (Stripe stops
 * retrying); 400 = bad signature or body; 503 = Stripe not configured; 5xx otherwise, so Stripe retries.
 */
export const registerStripeWebhook = (
  app: FastifyInstance,
  deps: { stripe: Pick<StripeService, 'handleWebhook'> },
): void => {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_request, body, done) => {
      done(null, body);
    });
    scope.post(STRIPE_WEBHOOK_PATH, async (request, reply) => {
      const header = request.headers['stripe-signature'];
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      try {
        const result = await deps.stripe.handleWebhook(body, typeof header === 'string' ? header : undefined);
        return reply.code(200).send(result);
      } catch (error) {
        const { status, body: errorBody } = describeError(error);
        if (status >= 500) request.log.error({ err: error }, 'stripe webhook failed');
        else request.log.warn({ code: errorBody.error.code }, 'stripe webhook refused');
        return reply.code(status).send(errorBody);
      }
    });
  });
};
