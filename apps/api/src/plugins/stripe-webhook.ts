import { isProtected, type ProcedureLevel } from '@bytelyst/routers/http-access';
import type { StripeService } from '@bytelyst/routers/modules/billing/stripe/service';
import type { FastifyInstance } from 'fastify';
import { describeError } from './errors';
import { ERROR_RESPONSE, type OpenApiPathItem } from './openapi-raw';

export const STRIPE_WEBHOOK_PATH = '/v1/stripe/webhook';
/** Public: Stripe proves itself with the signature over the body, not with a bearer. */
const LEVEL = 'public' satisfies ProcedureLevel;
/** Stripe events are a few KB; invoices with many lines stay well under this. */
const BODY_LIMIT = 512 * 1024;

/** Its entry in the OpenAPI document (the route is plain Fastify, not a procedure). */
export const STRIPE_WEBHOOK_OPENAPI: OpenApiPathItem = {
  post: {
    operationId: 'stripe-webhook',
    tags: ['stripe'],
    summary: 'Receive a Stripe webhook event',
    description:
      'Called by Stripe, not by clients. The `Stripe-Signature` header is checked against STRIPE_WEBHOOK_SECRET ' +
      'over the exact body; each event id is applied once (a redelivery answers 200 with `duplicate: true`). ' +
      'Applies invoice.payment_succeeded, invoice.payment_failed, customer.subscription.updated and ' +
      'customer.subscription.deleted; other types are acknowledged and ignored.',
    ...(isProtected(LEVEL) ? { security: [{ bearerAuth: [] }] } : {}),
    parameters: [{ name: 'stripe-signature', in: 'header', required: true, schema: { type: 'string' } }],
    requestBody: {
      required: true,
      content: { 'application/json': { schema: { type: 'object', description: 'A Stripe Event object' } } },
    },
    responses: {
      '200': {
        description: 'Applied, ignored or a duplicate',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: {
                received: { type: 'boolean', const: true },
                duplicate: { type: 'boolean' },
                outcome: { type: 'string' },
              },
              required: ['received', 'duplicate', 'outcome'],
            },
          },
        },
      },
      '400': ERROR_RESPONSE('Missing, tampered or stale signature, or a body that is not a Stripe event'),
      '503': ERROR_RESPONSE('Stripe is not configured on this server'),
    },
  },
};

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
