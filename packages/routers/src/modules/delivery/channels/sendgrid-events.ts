import { EventWebhook } from '@sendgrid/eventwebhook';
import { z } from 'zod';

/** Header names as Node lower-cases them. */
export const SENDGRID_SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature';
export const SENDGRID_TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp';

export type SendgridSignatureCheck =
  | { ok: true }
  | { ok: false; reason: 'missing' | 'stale' | 'bad_signature' };

const eventWebhook = new EventWebhook();
// Converting the key is pure-JS elliptic-curve work; the key rarely changes, so keep the last one.
let lastKey: { text: string; key: ReturnType<EventWebhook['convertPublicKeyToECDSA']> } | undefined;
const ecdsaKey = (publicKey: string) => {
  if (lastKey?.text !== publicKey)
    lastKey = { text: publicKey, key: eventWebhook.convertPublicKeyToECDSA(publicKey) };
  return lastKey.key;
};

/**
 * Checks a SendGrid Event Webhook request: ECDSA P-256 over `timestamp + rawBody`. `rawBody` must be the bytes
 * as received (a re-serialized body does not verify). A timestamp further than `toleranceSeconds` from `now`,
 * either way, is stale, so a captured request cannot be replayed later.
 */
export const verifySendgridSignature = (input: {
  /** SENDGRID_WEBHOOK_PUBLIC_KEY: base64 DER (SPKI) as SendGrid shows it; PEM works too */
  publicKey: string | undefined;
  /** X-Twilio-Email-Event-Webhook-Signature */
  signature: string | undefined;
  /** X-Twilio-Email-Event-Webhook-Timestamp (unix seconds) */
  timestamp: string | undefined;
  rawBody: Buffer;
  /** ms */
  now: number;
  toleranceSeconds?: number;
}): SendgridSignatureCheck => {
  const { publicKey, signature, timestamp } = input;
  if (!publicKey || !signature || !timestamp) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'bad_signature' };
  const toleranceSeconds = input.toleranceSeconds ?? 300;
  if (Math.abs(input.now / 1000 - Number(timestamp)) > toleranceSeconds)
    return { ok: false, reason: 'stale' };
  try {
    const verified = eventWebhook.verifySignature(ecdsaKey(publicKey), input.rawBody, signature, timestamp);
    return verified ? { ok: true } : { ok: false, reason: 'bad_signature' };
  } catch {
    // a malformed key or signature (not base64, not DER) fails the same way as a wrong one
    return { ok: false, reason: 'bad_signature' };
  }
};

export const SENDGRID_EVENT_TYPES = [
  'processed',
  'delivered',
  'deferred',
  'bounce',
  'dropped',
  'open',
  'click',
  'spamreport',
  'unsubscribe',
  'group_unsubscribe',
  'group_resubscribe',
] as const;

export type SendgridEventType = (typeof SENDGRID_EVENT_TYPES)[number];

const optionalText = z.string().optional().catch(undefined);

/** One event object as SendGrid posts it; our custom args (deliveryId, productId) arrive flattened into it. */
export const ZSendgridEvent = z.looseObject({
  event: z.enum(SENDGRID_EVENT_TYPES),
  email: z.string().min(1),
  timestamp: z.number().int().nonnegative(),
  sg_event_id: z.string().min(1),
  sg_message_id: optionalText,
  reason: optionalText,
  response: optionalText,
  type: z.enum(['bounce', 'blocked']).optional().catch(undefined),
  url: optionalText,
  deliveryId: optionalText,
  productId: optionalText,
});

export type NormalizedSendgridEvent = {
  sgEventId: string;
  event: SendgridEventType;
  email: string;
  /** ms */
  timestamp: number;
  deliveryId?: string;
  productId?: string;
  sgMessageId?: string;
  /** bounce and dropped give `reason`; deferred gives the server's `response` */
  reason?: string;
  /** bounce only: 'bounce' is a hard bounce, 'blocked' a block (often temporary) */
  bounceType?: 'bounce' | 'blocked';
  /** click only */
  url?: string;
};

export type SkippedSendgridEvent = { index: number; event: string | null; reason: string };

const ZEventBatch = z.array(z.record(z.string(), z.unknown()));

/** The webhook body is not a JSON array of objects; `cause` is the SyntaxError or ZodError. */
export class SendgridEventBodyError extends Error {
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
    this.name = 'SendgridEventBodyError';
  }
}

const readBatch = (rawBody: Buffer) => {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch (error) {
    throw new SendgridEventBodyError('SendGrid event body is not JSON', { cause: error });
  }
  const batch = ZEventBatch.safeParse(json);
  if (!batch.success) {
    throw new SendgridEventBodyError('SendGrid event body is not an array of event objects', {
      cause: batch.error,
    });
  }
  return batch.data;
};

const normalize = (e: z.infer<typeof ZSendgridEvent>): NormalizedSendgridEvent => {
  const reason = e.reason ?? (e.event === 'deferred' ? e.response : undefined);
  return {
    sgEventId: e.sg_event_id,
    event: e.event,
    email: e.email,
    timestamp: e.timestamp * 1000,
    ...(e.deliveryId === undefined ? {} : { deliveryId: e.deliveryId }),
    ...(e.productId === undefined ? {} : { productId: e.productId }),
    ...(e.sg_message_id === undefined ? {} : { sgMessageId: e.sg_message_id }),
    ...(reason === undefined ? {} : { reason }),
    ...(e.event === 'bounce' && e.type !== undefined ? { bounceType: e.type } : {}),
    ...(e.event === 'click' && e.url !== undefined ? { url: e.url } : {}),
  };
};

/**
 * Parses a webhook body. A body that is not a JSON array of objects throws SendgridEventBodyError. Inside a
 * valid batch, an event of an unknown type, or one missing what every event has (email, timestamp,
 * sg_event_id), is skipped and listed, so one odd event does not make SendGrid retry the whole batch.
 */
export const parseSendgridEventBatch = (
  rawBody: Buffer,
): { events: NormalizedSendgridEvent[]; skipped: SkippedSendgridEvent[] } => {
  const batch = readBatch(rawBody);
  const events: NormalizedSendgridEvent[] = [];
  const skipped: SkippedSendgridEvent[] = [];
  batch.forEach((raw, index) => {
    const type = typeof raw.event === 'string' ? raw.event : null;
    if (type === null || !(SENDGRID_EVENT_TYPES as readonly string[]).includes(type)) {
      skipped.push({ index, event: type, reason: 'unknown event type' });
      return;
    }
    const parsed = ZSendgridEvent.safeParse(raw);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.')))].join(', ');
      skipped.push({ index, event: type, reason: `invalid ${fields}` });
      return;
    }
    events.push(normalize(parsed.data));
  });
  return { events, skipped };
};

export const parseSendgridEvents = (rawBody: Buffer): NormalizedSendgridEvent[] =>
  parseSendgridEventBatch(rawBody).events;

export type EmailEventStatus =
  | 'sent'
  | 'delivered'
  | 'deferred'
  | 'bounced'
  | 'dropped'
  | 'opened'
  | 'clicked'
  | 'spam_report'
  | 'unsubscribed';

/** The delivery status an event reports; null for group_resubscribe, which says nothing about a delivery. */
export const sendgridEventToStatus = (
  event: Pick<NormalizedSendgridEvent, 'event'>,
): EmailEventStatus | null => {
  switch (event.event) {
    case 'processed':
      return 'sent';
    case 'delivered':
      return 'delivered';
    case 'deferred':
      return 'deferred';
    case 'bounce':
      return 'bounced';
    case 'dropped':
      return 'dropped';
    case 'open':
      return 'opened';
    case 'click':
      return 'clicked';
    case 'spamreport':
      return 'spam_report';
    case 'unsubscribe':
    case 'group_unsubscribe':
      return 'unsubscribed';
    case 'group_resubscribe':
      return null;
  }
};

/**
 * Whether the address must be suppressed: a hard bounce, a drop or a spam report. A block (`type: 'blocked'`)
 * and a deferral are the receiving server's temporary refusal, not a verdict on the address. A bounce without a
 * type is taken as hard, the safer side for the sender's reputation.
 */
export const sendgridEventSuppresses = (
  event: Pick<NormalizedSendgridEvent, 'event' | 'bounceType'>,
): boolean => {
  switch (event.event) {
    case 'bounce':
      return event.bounceType !== 'blocked';
    case 'dropped':
    case 'spamreport':
      return true;
    default:
      return false;
  }
};
