import { defineRoute, errorResponse, type HttpRoute } from '../../../http-route';
import type { StripeService } from './service';

export const STRIPE_WEBHOOK_PATH = '/v1/stripe/webhook';
/** Stripe events are a few KB; invoices with many lines stay well under this. */
const BODY_LIMIT = 512 * 1024;

/**
 * The inbound Stripe webhook. Public: Stripe proves itself with the signature over the exact bytes it sent,
 * so the body reaches the service raw. 200 = applied or a duplicate (Stripe stops retrying); 400 = bad
 * signature or body; 503 = Stripe not configured; 5xx otherwise, so Stripe retries.
 */
export const stripeWebhookRoute = (stripe: Pick<StripeService, 'handleWebhook'>): HttpRoute<'public'> =>
  defineRoute({
    method: 'POST',
    path: STRIPE_WEBHOOK_PATH,
    procedure: 'stripe.webhook',
    level: 'public',
    body: 'raw',
    bodyLimit: BODY_LIMIT,
    openapi: {
      operationId: 'stripe-webhook',
      tags: ['stripe'],
      summary: 'Receive a Stripe webhook event',
      description:
        'Called by Stripe, not by clients. The `Stripe-Signature` header is checked against STRIPE_WEBHOOK_SECRET ' +
        'over the exact body; each event id is applied once (a redelivery answers 200 with `duplicate: true`). ' +
        'Applies invoice.payment_succeeded, invoice.payment_failed, customer.subscription.updated and ' +
        'customer.subscription.deleted; other types are acknowledged and ignored.',
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
        '400': errorResponse('Missing, tampered or stale signature, or a body that is not a Stripe event'),
        '503': errorResponse('Stripe is not configured on this server'),
      },
    },
    async handle(request) {
      const header = request.headers['stripe-signature'];
      const result = await stripe.handleWebhook(
        request.body as Buffer,
        typeof header === 'string' ? header : undefined,
      );
      return { status: 200, body: result };
    },
  });
