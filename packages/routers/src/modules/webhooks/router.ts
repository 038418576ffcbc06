import { z } from 'zod';
import { rest } from '../../lib/openapi';
import { adminProcedure, router } from '../../trpc';
import {
  ZWebhookAttemptsInput,
  ZWebhookEndpoint,
  ZWebhookEndpointCreateInput,
  ZWebhookEndpointList,
  ZWebhookEndpointSummary,
  ZWebhookEndpointUpdateInput,
  ZWebhookEndpointWithSecret,
  ZWebhookEventMessages,
  ZWebhookEventMessagesInput,
  ZWebhookIdInput,
  ZWebhookMessageDetail,
  ZWebhookMessagePage,
  ZWebhookRecoverInput,
  ZWebhookRecovery,
  ZWebhookRecoveryInput,
  ZWebhookRecoveryList,
  ZWebhookResendInput,
  ZWebhookResendOutput,
  ZWebhookTestInput,
} from './schema';

const tag = 'webhooks';
const targetType = 'webhook_endpoint';

const SIGNING =
  'Messages are signed per the Standard Webhooks specification (webhook-id, webhook-timestamp, ' +
  'webhook-signature: `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">` keyed with the base64-decoded ' +
  'secret after `whsec_`; `v1a,<base64 ed25519>` for the asymmetric scheme), and with X-Webhook-Timestamp and ' +
  'X-Webhook-Signature: `sha256=<hex HMAC-SHA256 of "{timestamp}.{body}">`. Receivers should reject a ' +
  'timestamp more than 5 minutes from their clock.';

const endpointsRouter = router({
  list: adminProcedure
    .meta(
      rest('GET', '/webhooks/endpoints', { tag, summary: "This product's webhook endpoints, with health" }),
    )
    .input(z.object({}).optional())
    .output(ZWebhookEndpointList)
    .query(async ({ ctx }) => ({ items: await ctx.services.webhooks.summaries(ctx.productId) })),
  get: adminProcedure
    .meta(
      rest('GET', '/webhooks/endpoints/{id}', { tag, summary: 'One webhook endpoint (never its secret)' }),
    )
    .input(ZWebhookIdInput)
    .output(ZWebhookEndpointSummary)
    .query(({ ctx, input }) => ctx.services.webhooks.summary(ctx.productId, input.id)),
  create: adminProcedure
    .meta(
      rest('POST', '/webhooks/endpoints', {
        tag,
        summary: 'Add a webhook endpoint; its secret is in this answer only',
        description:
          `eventTypes: exact public event types or wildcards such as \`subscription.*\`; empty for all. ${SIGNING} ` +
          'The URL must resolve to a public address (or one inside WEBHOOK_ALLOWED_CIDRS).',
        targetType,
      }),
    )
    .input(ZWebhookEndpointCreateInput)
    .output(ZWebhookEndpointWithSecret)
    .mutation(({ ctx, input }) =>
      ctx.services.webhooks.endpoints.create(ctx.productId, input, ctx.principal.userId),
    ),
  update: adminProcedure
    .meta(
      rest('PATCH', '/webhooks/endpoints/{id}', {
        tag,
        summary: 'Change, enable or disable a webhook endpoint',
        description: 'Enabling a disabled endpoint resets its failure count.',
        targetType,
      }),
    )
    .input(ZWebhookEndpointUpdateInput)
    .output(ZWebhookEndpoint)
    .mutation(({ ctx, input }) =>
      ctx.services.webhooks.endpoints.update(ctx.productId, input, ctx.principal.userId),
    ),
  delete: adminProcedure
    .meta(
      rest('DELETE', '/webhooks/endpoints/{id}', { tag, summary: 'Remove a webhook endpoint', targetType }),
    )
    .input(ZWebhookIdInput)
    .output(z.object({ id: z.string(), deleted: z.literal(true) }))
    .mutation(({ ctx, input }) =>
      ctx.services.webhooks.endpoints.delete(ctx.productId, input.id, ctx.principal.userId),
    ),
  rotateSecret: adminProcedure
    .meta(
      rest('POST', '/webhooks/endpoints/{id}/rotate-secret', {
        tag,
        summary: 'Replace the signing secret; the previous one still signs for 24 hours',
        description: 'During the overlap every message carries a signature by each secret.',
        targetType,
      }),
    )
    .input(ZWebhookIdInput)
    .output(ZWebhookEndpointWithSecret)
    .mutation(({ ctx, input }) =>
      ctx.services.webhooks.endpoints.rotate(ctx.productId, input.id, ctx.principal.userId),
    ),
  sendTest: adminProcedure
    .meta(
      rest('POST', '/webhooks/endpoints/{id}/test', {
        tag,
        summary: "Send the catalogue's example of an event type to the endpoint now",
        description: 'Answers with the message after its attempt; a test is not retried.',
        targetType,
      }),
    )
    .input(ZWebhookTestInput)
    .output(ZWebhookMessageDetail)
    .mutation(({ ctx, input }) =>
      ctx.services.webhooks.messages.sendTest(ctx.productId, input.id, input.eventType),
    ),
  listAttempts: adminProcedure
    .meta(
      rest('GET', '/webhooks/endpoints/{id}/attempts', {
        tag,
        summary: "The endpoint's messages and their attempts, newest first",
      }),
    )
    .input(ZWebhookAttemptsInput)
    .output(ZWebhookMessagePage)
    .query(({ ctx, input }) => ctx.services.webhooks.messages.list(ctx.productId, input)),
  getMessage: adminProcedure
    .meta(
      rest('GET', '/webhooks/endpoints/{id}/messages/{messageId}', {
        tag,
        summary: 'One message to the endpoint: body sent, every attempt with its request and answer',
      }),
    )
    .input(z.object({ id: z.string().min(1).max(64), messageId: z.string().min(1).max(128) }))
    .output(ZWebhookMessageDetail)
    .query(({ ctx, input }) =>
      ctx.services.webhooks.messages.detail(ctx.productId, `${input.messageId}:${input.id}`),
    ),
  recover: adminProcedure
    .meta(
      rest('POST', '/webhooks/endpoints/{id}/recover', {
        tag,
        summary: 'Send again, in order, every message since a time that did not succeed',
        description: 'Runs in the background; follow it with GET /v1/webhooks/recoveries/{id}.',
        targetType,
        successStatus: 202,
      }),
    )
    .input(ZWebhookRecoverInput)
    .output(ZWebhookRecovery)
    .mutation(({ ctx, input }) =>
      ctx.services.webhooks.recovery.start(ctx.productId, input.id, input.since, ctx.principal.userId),
    ),
  listRecoveries: adminProcedure
    .meta(
      rest('GET', '/webhooks/endpoints/{id}/recoveries', {
        tag,
        summary: "The endpoint's recent recover runs",
      }),
    )
    .input(ZWebhookIdInput)
    .output(ZWebhookRecoveryList)
    .query(({ ctx, input }) => ctx.services.webhooks.recovery.list(ctx.productId, input.id)),
});

export const webhooksRouter = router({
  endpoints: endpointsRouter,
  getRecovery: adminProcedure
    .meta(rest('GET', '/webhooks/recoveries/{id}', { tag, summary: "A recover run's progress" }))
    .input(ZWebhookRecoveryInput)
    .output(ZWebhookRecovery)
    .query(({ ctx, input }) => ctx.services.webhooks.recovery.get(ctx.productId, input.id)),
  resend: adminProcedure
    .meta(
      rest('POST', '/webhooks/messages/{id}/resend', {
        tag,
        summary: 'Send a message again (same webhook-id), to one endpoint or every endpoint it went to',
        targetType: 'webhook_message',
      }),
    )
    .input(ZWebhookResendInput)
    .output(ZWebhookResendOutput)
    .mutation(({ ctx, input }) =>
      ctx.services.webhooks.messages.resend(ctx.productId, input.id, input.endpointId),
    ),
  listEventMessages: adminProcedure
    .meta(
      rest('GET', '/webhooks/events/{eventId}/messages', {
        tag,
        summary: 'The webhook messages one event produced, one per endpoint',
      }),
    )
    .input(ZWebhookEventMessagesInput)
    .output(ZWebhookEventMessages)
    .query(({ ctx, input }) => ctx.services.webhooks.messages.ofEvent(ctx.productId, input.eventId)),
  replayEvent: adminProcedure
    .meta(
      rest('POST', '/webhooks/events/{eventId}/replay', {
        tag,
        summary: 'Send an event again to every endpoint that subscribes to it now',
        targetType: 'event',
      }),
    )
    .input(ZWebhookEventMessagesInput)
    .output(ZWebhookResendOutput)
    .mutation(({ ctx, input }) => ctx.services.webhooks.replayEvent(ctx.productId, input.eventId)),
});
