import { z } from 'zod';

/** Where messages go: http(s) with no credentials and no fragment. The SSRF guard checks the address. */
export const ZWebhookUrl = z
  .string()
  .trim()
  .max(1000)
  .pipe(z.url({ protocol: /^https?$/, error: 'Expected an http(s) URL' }))
  .refine((value) => !value.includes('#'), 'A webhook URL has no fragment');

/** An event type, or a wildcard over a domain (`subscription.*`); checked against the catalogue on save. */
export const ZEventTypeFilter = z
  .string()
  .trim()
  .regex(
    /^[a-z][a-z0-9_]*(\.([a-z][a-z0-9_]*|\*))+$|^\*$/,
    'Expected an event type such as user.created or subscription.*',
  );

/** Headers the platform sets itself; an endpoint's custom headers may not replace them. */
export const RESERVED_HEADER =
  /^(webhook-.*|x-webhook-.*|content-type|content-length|host|user-agent|connection|transfer-encoding)$/i;

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;

/** Extra headers every message to the endpoint carries (a receiver's own auth, a tenant id). */
export const ZCustomHeaders = z.record(z.string(), z.string().max(1000)).superRefine((headers, ctx) => {
  const names = Object.keys(headers);
  if (names.length > 20) ctx.addIssue({ code: 'custom', message: 'At most 20 custom headers' });
  for (const name of names) {
    const message = !HEADER_NAME.test(name)
      ? 'Not a header name'
      : RESERVED_HEADER.test(name)
        ? 'The platform sets this header itself'
        : /[\r\n]/.test(headers[name] ?? '')
          ? 'A header value is one line'
          : undefined;
    if (message) ctx.addIssue({ code: 'custom', path: [name], message });
  }
});

/**
 * `v1`: HMAC-SHA256 with a shared `whsec_` secret (what Svix and most receivers verify). `v1a`: ed25519; the
 * platform keeps the `whsk_` signing key and the receiver verifies with the `whpk_` public key.
 */
export const WEBHOOK_SIGNATURE_SCHEMES = ['v1', 'v1a'] as const;
export const ZWebhookSignatureScheme = z.enum(WEBHOOK_SIGNATURE_SCHEMES);

/** healthy: delivering; failing: a message used up its retries since the last success; disabled: no sends. */
export const WEBHOOK_ENDPOINT_STATES = ['healthy', 'failing', 'disabled'] as const;
export const ZWebhookEndpointState = z.enum(WEBHOOK_ENDPOINT_STATES);

export const WEBHOOK_DISABLED_REASONS = ['admin', 'consecutive_failures', 'gone'] as const;

export const ZWebhookEndpoint = z.object({
  id: z.string(),
  productId: z.string(),
  url: z.string(),
  description: z.string(),
  /** Empty: every public event. */
  eventTypes: z.array(z.string()),
  enabled: z.boolean(),
  state: ZWebhookEndpointState,
  /** Why a disabled endpoint is disabled; null while enabled. */
  disabledReason: z.enum(WEBHOOK_DISABLED_REASONS).nullable(),
  headers: z.record(z.string(), z.string()),
  /** Messages per second this endpoint receives at most, across every instance; null: no limit. */
  rateLimit: z.number().int().nullable(),
  signatureScheme: ZWebhookSignatureScheme,
  /** `v1a` only: the `whpk_` key a receiver verifies with. */
  publicKey: z.string().nullable(),
  /** While a rotated secret still signs: when it stops. */
  previousSecretExpiresAt: z.string().nullable(),
  /** Messages in a row that used up their retries; a success resets it. */
  consecutiveFailures: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TWebhookEndpoint = z.infer<typeof ZWebhookEndpoint>;

/** Health from the last 50 attempts, for the list's indicator and sparkline. */
export const ZWebhookHealth = z.object({
  /** green: 95 % or more succeeded; yellow: 50 % or more; red: less; none: no attempt yet. */
  level: z.enum(['green', 'yellow', 'red', 'none']),
  attempts: z.number().int(),
  succeeded: z.number().int(),
  /** Oldest first: 1 succeeded, 0 failed. */
  recent: z.array(z.union([z.literal(0), z.literal(1)])),
});
export type TWebhookHealth = z.infer<typeof ZWebhookHealth>;

export const ZWebhookEndpointSummary = ZWebhookEndpoint.extend({ health: ZWebhookHealth });
export const ZWebhookEndpointList = z.object({ items: z.array(ZWebhookEndpointSummary) });

const ZRateLimit = z.number().int().min(1).max(10_000).nullable();

export const ZWebhookEndpointCreateInput = z.object({
  url: ZWebhookUrl,
  description: z.string().trim().max(500).default(''),
  eventTypes: z.array(ZEventTypeFilter).max(100).default([]),
  enabled: z.boolean().default(true),
  headers: ZCustomHeaders.default({}),
  rateLimit: ZRateLimit.default(null),
  signatureScheme: ZWebhookSignatureScheme.default('v1'),
});
export type TWebhookEndpointCreateInput = z.infer<typeof ZWebhookEndpointCreateInput>;

export const ZWebhookEndpointUpdateInput = z.object({
  id: z.string().min(1).max(64),
  url: ZWebhookUrl.optional(),
  description: z.string().trim().max(500).optional(),
  eventTypes: z.array(ZEventTypeFilter).max(100).optional(),
  enabled: z.boolean().optional(),
  headers: ZCustomHeaders.optional(),
  rateLimit: ZRateLimit.optional(),
});
export type TWebhookEndpointUpdateInput = z.infer<typeof ZWebhookEndpointUpdateInput>;

/** Shown once: at creation and at rotation. */
export const ZWebhookEndpointWithSecret = ZWebhookEndpoint.extend({
  /** `whsec_...` (v1) or `whsk_...` (v1a: kept by the platform; give the receiver `publicKey`). */
  secret: z.string(),
});

export const ZWebhookIdInput = z.object({ id: z.string().min(1).max(64) });

export const ZWebhookTestInput = z.object({
  id: z.string().min(1).max(64),
  eventType: z.string().trim().min(1).max(100),
});

export const WEBHOOK_MESSAGE_STATUSES = ['pending', 'retrying', 'succeeded', 'failed'] as const;
export const ZWebhookMessageStatus = z.enum(WEBHOOK_MESSAGE_STATUSES);
export type TWebhookMessageStatus = z.infer<typeof ZWebhookMessageStatus>;

export const WEBHOOK_ATTEMPT_TRIGGERS = ['scheduled', 'retry', 'resend', 'recover', 'test'] as const;

export const ZWebhookAttempt = z.object({
  at: z.string(),
  trigger: z.enum(WEBHOOK_ATTEMPT_TRIGGERS),
  succeeded: z.boolean(),
  /** null when no answer came (refused, timed out, connection failed). */
  responseCode: z.number().int().nullable(),
  durationMs: z.number().int(),
  /** The first 4 KB of the answer's body. */
  responseBody: z.string(),
  error: z.string().nullable(),
  /** The headers sent (signatures included; custom headers by name only). */
  requestHeaders: z.record(z.string(), z.string()),
});
export type TWebhookAttempt = z.infer<typeof ZWebhookAttempt>;

export const ZWebhookMessage = z.object({
  /** `messageId:endpointId`. */
  id: z.string(),
  /** The event id: `webhook-id`, the same on every attempt, so receivers can deduplicate. */
  messageId: z.string(),
  endpointId: z.string(),
  eventType: z.string(),
  eventAt: z.string(),
  status: ZWebhookMessageStatus,
  attemptCount: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastResponseCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TWebhookMessage = z.infer<typeof ZWebhookMessage>;

export const ZWebhookMessageDetail = ZWebhookMessage.extend({
  /** The exact body sent. */
  body: z.string(),
  attempts: z.array(ZWebhookAttempt),
});
export type TWebhookMessageDetail = z.infer<typeof ZWebhookMessageDetail>;

export const ZWebhookAttemptsInput = z.object({
  id: z.string().min(1).max(64),
  status: ZWebhookMessageStatus.optional(),
  eventType: z.string().trim().max(100).optional(),
  /** Only messages of events at or after / before these times. */
  since: z.iso.datetime().optional(),
  until: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2000).optional(),
});
export type TWebhookAttemptsInput = z.infer<typeof ZWebhookAttemptsInput>;

export const ZWebhookMessagePage = z.object({
  items: z.array(ZWebhookMessage),
  nextCursor: z.string().nullable(),
});

export const ZWebhookMessageInput = z.object({
  /** `messageId:endpointId`, as the attempt log lists it. */
  id: z.string().min(1).max(200),
});

export const ZWebhookResendInput = z.object({
  /** The message (event) id; with `endpointId` only that endpoint's copy, else every endpoint it went to. */
  id: z.string().min(1).max(128),
  endpointId: z.string().min(1).max(64).optional(),
});
export const ZWebhookResendOutput = z.object({ messageId: z.string(), queued: z.number().int() });

export const ZWebhookRecoverInput = z.object({
  id: z.string().min(1).max(64),
  since: z.iso.datetime({ offset: true }),
});

export const ZWebhookRecovery = z.object({
  id: z.string(),
  endpointId: z.string(),
  since: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  /** Messages looked at so far, and of those queued again (did not succeed). */
  scanned: z.number().int(),
  queued: z.number().int(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type TWebhookRecovery = z.infer<typeof ZWebhookRecovery>;
export const ZWebhookRecoveryInput = z.object({ id: z.string().min(1).max(64) });
export const ZWebhookRecoveryList = z.object({ items: z.array(ZWebhookRecovery) });

export const ZWebhookEventMessagesInput = z.object({ eventId: z.string().min(1).max(128) });
export const ZWebhookEventMessages = z.object({ items: z.array(ZWebhookMessage) });
