import { AppError } from '../../app-error';
import { defineRoute, errorResponse, type HttpRoute, type HttpRouteReply } from '../../http-route';
import {
  parseSendgridEventBatch,
  SENDGRID_SIGNATURE_HEADER,
  SENDGRID_TIMESTAMP_HEADER,
  SendgridEventBodyError,
  verifySendgridSignature,
} from './channels/sendgrid-events';
import type { ProviderEvents } from './provider-events';
import { ZDeliverySendInput } from './schema';
import type { DeliveryService } from './service';

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

const errorBody = (code: string, message: string) => ({ error: { code, message } });

/**
 * `POST /v1/delivery/send` with Novu's idempotency semantics: the `Idempotency-Key` header (or the body's
 * `idempotencyKey`) makes a replay within 24 hours answer the first result with `Idempotency-Replay: true`; the
 * same key with another body is a 422. Acceptance is one atomic write, so a duplicate racing the first gets the
 * first's answer instead of Novu's 409 (there is no half-accepted state to wait for).
 */
const sendRoute = (delivery: DeliveryService): HttpRoute<'admin'> =>
  defineRoute({
    method: 'POST',
    path: '/v1/delivery/send',
    procedure: 'delivery.send',
    level: 'admin',
    openapi: {
      operationId: 'delivery-send',
      tags: ['delivery'],
      summary: 'Send an email template or a push to a user or an address',
      description:
        'Persists the request, then sends it in the background (the log shows its progress). `Idempotency-Key` ' +
        '(up to 255 characters) makes retries safe for 24 hours: a replay, or a duplicate racing the first, ' +
        'answers the first result with `Idempotency-Replay: true`; the same key with a different body gets 422.',
      parameters: [{ name: 'idempotency-key', in: 'header', schema: { type: 'string', maxLength: 255 } }],
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
      responses: {
        '202': { description: 'Accepted: the deliveries and their first status' },
        '400': errorResponse('Invalid input (named in `fields`, e.g. `props.resetUrl`)'),
        '401': errorResponse('Not signed in'),
        '403': errorResponse('Not an admin of the product'),
        '409': errorResponse(
          'The same Idempotency-Key is still in flight; retry after `Retry-After` seconds',
        ),
        '422': errorResponse('The Idempotency-Key was used with a different body'),
      },
    },
    async handle(request, ctx): Promise<HttpRouteReply> {
      const key = header(request.headers['idempotency-key']);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const input = ZDeliverySendInput.parse(key ? { ...body, idempotencyKey: key } : body);
      const result = await delivery.send(ctx.productId, input, { actorId: ctx.principal.userId });
      if (!result.replayed)
        await ctx.audit({ action: 'delivery.send', targetType: 'delivery', input, result });
      return { status: 202, headers: result.replayed ? { 'idempotency-replay': 'true' } : {}, body: result };
    },
  });

/**
 * SendGrid's signed Event Webhook: the ECDSA signature over timestamp + raw body is checked against
 * SENDGRID_WEBHOOK_PUBLIC_KEY; a bad or stale one is a 401 and nothing is kept. Events are applied idempotently
 * (by SendGrid's event id) in whatever order they come.
 */
const sendgridEventsRoute = (events: ProviderEvents, publicKey: string | undefined, now: () => number) =>
  defineRoute({
    method: 'POST',
    path: '/v1/delivery/sendgrid/events',
    procedure: 'delivery.sendgridEvents',
    level: 'public',
    body: 'raw',
    bodyLimit: 5 * 1024 * 1024,
    openapi: {
      operationId: 'delivery-sendgrid-events',
      tags: ['delivery'],
      summary: "Receive SendGrid's Event Webhook",
      description:
        'Called by SendGrid. Signed with ECDSA (X-Twilio-Email-Event-Webhook-Signature and -Timestamp); ' +
        'verified against SENDGRID_WEBHOOK_PUBLIC_KEY, stale beyond 5 minutes.',
      responses: {
        '200': { description: 'Applied (each event once)' },
        '400': errorResponse('The body is not a SendGrid event batch'),
        '401': errorResponse('Missing, bad or stale signature'),
        '503': errorResponse('SENDGRID_WEBHOOK_PUBLIC_KEY is not set'),
      },
    },
    async handle(request): Promise<HttpRouteReply> {
      if (!publicKey)
        throw new AppError('UNAVAILABLE', 'SENDGRID_WEBHOOK_PUBLIC_KEY is not set on this server');
      const rawBody = request.body as Buffer;
      const verdict = verifySendgridSignature({
        publicKey,
        signature: header(request.headers[SENDGRID_SIGNATURE_HEADER]),
        timestamp: header(request.headers[SENDGRID_TIMESTAMP_HEADER]),
        rawBody,
        now: now(),
      });
      if (!verdict.ok) {
        const message =
          verdict.reason === 'stale' ? 'The signature is too old' : 'The signature does not verify';
        return { status: 401, body: errorBody('UNAUTHORIZED', message) };
      }
      let batch: ReturnType<typeof parseSendgridEventBatch>;
      try {
        batch = parseSendgridEventBatch(rawBody);
      } catch (error) {
        if (error instanceof SendgridEventBodyError) {
          throw new AppError('BAD_REQUEST', error.message, {
            fields: [{ path: 'body', message: error.message }],
          });
        }
        throw error;
      }
      const applied = await events.applySendgrid(batch.events);
      return {
        status: 200,
        body: { received: batch.events.length, skipped: batch.skipped.length, ...applied },
      };
    },
  });

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
  `<title>${title}</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;` +
  `padding:0 1rem;color:#0f172a">${body}</body></html>`;

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * One-click unsubscribe (RFC 8058). Mail clients POST `List-Unsubscribe=One-Click` to the link; a person who
 * opens it gets a page with a button (a GET never unsubscribes, so link scanners cannot). No sign-in needed.
 */
const unsubscribeRoutes = (delivery: DeliveryService): HttpRoute<'public'>[] => {
  const tokenOf = (query: Record<string, unknown>) => (typeof query.token === 'string' ? query.token : '');
  return [
    defineRoute({
      method: 'GET',
      path: '/v1/delivery/unsubscribe',
      procedure: 'delivery.unsubscribePage',
      level: 'public',
      async handle(request) {
        const token = tokenOf(request.query);
        return {
          status: 200,
          headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
          body: page(
            'Unsubscribe',
            `<h1>Unsubscribe</h1><p>Stop these emails? Security notices and receipts still reach you.</p>` +
              `<form method="post" action="?token=${escapeHtml(encodeURIComponent(token))}">` +
              `<input type="hidden" name="List-Unsubscribe" value="One-Click">` +
              `<button type="submit">Unsubscribe</button></form>`,
          ),
        };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/v1/delivery/unsubscribe',
      procedure: 'delivery.unsubscribe',
      level: 'public',
      body: 'raw',
      bodyLimit: 4096,
      async handle(request) {
        await delivery.unsubscribe(tokenOf(request.query));
        return {
          status: 200,
          headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
          body: page(
            'Unsubscribed',
            '<h1>You are unsubscribed</h1><p>You will not get these emails again.</p>',
          ),
        };
      },
    }),
  ];
};

export const deliveryRoutes = (deps: {
  delivery: DeliveryService;
  events: ProviderEvents;
  sendgridWebhookPublicKey: string | undefined;
  now: () => number;
}) => [
  sendRoute(deps.delivery),
  sendgridEventsRoute(deps.events, deps.sendgridWebhookPublicKey, deps.now),
  ...unsubscribeRoutes(deps.delivery),
];
