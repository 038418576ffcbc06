import { describe, expect, it } from 'vitest';
import { createEventWebhookSigner } from '../../../testing/fake-sendgrid';
import {
  type NormalizedSendgridEvent,
  parseSendgridEventBatch,
  parseSendgridEvents,
  SENDGRID_SIGNATURE_HEADER,
  SENDGRID_TIMESTAMP_HEADER,
  SendgridEventBodyError,
  sendgridEventSuppresses,
  sendgridEventToStatus,
  verifySendgridSignature,
} from './sendgrid-events';

const NOW_S = 1_700_000_000;
const NOW_MS = NOW_S * 1000;

const common = (n: number) => ({
  email: 'ada@example.test',
  timestamp: NOW_S - 60 + n,
  'smtp-id': '<14c5d75ce93.dfd.64b469@ismtpd-555>',
  sg_event_id: `sg_evt_${n}`,
  sg_message_id: '14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0',
  category: ['welcome', 'onboarding'],
  deliveryId: 'dlv_123',
  productId: 'prod_abc',
});

/** A batch shaped like what SendGrid posts (fields from its Event Webhook reference). */
const BATCH = [
  { ...common(1), event: 'processed', pool: { name: 'new_MY_test', id: 210 } },
  { ...common(2), event: 'delivered', response: '250 OK', ip: '168.1.1.1', tls: 1 },
  { ...common(3), event: 'open', useragent: 'Mozilla/4.0', ip: '255.255.255.255', sg_machine_open: false },
  {
    ...common(4),
    event: 'click',
    useragent: 'Mozilla/4.0',
    ip: '255.255.255.255',
    url: 'https://bytelyst.test/a',
  },
  {
    ...common(5),
    event: 'bounce',
    type: 'bounce',
    reason: '550 5.1.1 The email account that you tried to reach does not exist.',
    status: '5.1.1',
    bounce_classification: 'Invalid Address',
  },
  {
    ...common(6),
    event: 'bounce',
    type: 'blocked',
    reason: '554 5.7.1 Service unavailable; Client host blocked',
    status: '5.7.1',
    bounce_classification: 'Reputation',
  },
  { ...common(7), event: 'dropped', reason: 'Bounced Address', status: '5.0.0' },
  { ...common(8), event: 'spamreport' },
  { ...common(9), event: 'deferred', response: '400 try again later', attempt: '5' },
  { ...common(10), event: 'machine_learning_newtype', whatever: true },
  {
    email: 'bob@example.test',
    timestamp: NOW_S,
    event: 'group_unsubscribe',
    sg_event_id: 'sg_evt_11',
    asm_group_id: 10,
  },
];

const ids = { deliveryId: 'dlv_123', productId: 'prod_abc', sgMessageId: common(0).sg_message_id };
const at = (n: number) => (NOW_S - 60 + n) * 1000;

describe('verifySendgridSignature', () => {
  const signer = createEventWebhookSigner();
  const signed = signer.signedRequest(BATCH, NOW_S);
  const check = (overrides: Partial<Parameters<typeof verifySendgridSignature>[0]> = {}) =>
    verifySendgridSignature({
      publicKey: signer.publicKey,
      signature: signed.headers[SENDGRID_SIGNATURE_HEADER],
      timestamp: signed.headers[SENDGRID_TIMESTAMP_HEADER],
      rawBody: signed.rawBody,
      now: NOW_MS,
      ...overrides,
    });

  it('accepts a body signed with the key, as @sendgrid/eventwebhook checks it', () => {
    expect(check()).toEqual({ ok: true });
    // within tolerance either way
    expect(check({ now: NOW_MS + 299_000 })).toEqual({ ok: true });
    expect(check({ now: NOW_MS - 299_000 })).toEqual({ ok: true });
  });

  it('accepts the key in PEM form too', () => {
    const pem = `-----BEGIN PUBLIC KEY-----\n${signer.publicKey.match(/.{1,64}/g)?.join('\n')}\n-----END PUBLIC KEY-----\n`;
    expect(check({ publicKey: pem })).toEqual({ ok: true });
  });

  it('refuses a tampered body', () => {
    const tampered = Buffer.from(signed.rawBody.toString('utf8').replace('dlv_123', 'dlv_999'), 'utf8');
    expect(check({ rawBody: tampered })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a re-serialized body (the raw bytes are what is signed)', () => {
    const reformatted = Buffer.from(JSON.stringify(BATCH, null, 2), 'utf8');
    expect(check({ rawBody: reformatted })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a signature made with another key', () => {
    const other = createEventWebhookSigner();
    expect(check({ publicKey: other.publicKey })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(check({ signature: other.sign(signed.rawBody, String(NOW_S)) })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('refuses a signature over another timestamp', () => {
    expect(check({ timestamp: String(NOW_S + 1) })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a stale timestamp, in the past or the future', () => {
    expect(check({ now: NOW_MS + 10 * 60_000 })).toEqual({ ok: false, reason: 'stale' });
    expect(check({ now: NOW_MS - 10 * 60_000 })).toEqual({ ok: false, reason: 'stale' });
    expect(check({ now: NOW_MS + 10 * 60_000, toleranceSeconds: 900 })).toEqual({ ok: true });
  });

  it('refuses missing headers or key', () => {
    expect(check({ signature: undefined })).toEqual({ ok: false, reason: 'missing' });
    expect(check({ timestamp: '' })).toEqual({ ok: false, reason: 'missing' });
    expect(check({ publicKey: undefined })).toEqual({ ok: false, reason: 'missing' });
  });

  it('refuses garbage without throwing', () => {
    expect(check({ signature: 'not-a-signature' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(check({ publicKey: 'bm90IGEga2V5' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(check({ timestamp: 'yesterday' })).toEqual({ ok: false, reason: 'bad_signature' });
  });
});

describe('parseSendgridEvents', () => {
  const events = parseSendgridEvents(Buffer.from(JSON.stringify(BATCH), 'utf8'));

  it('normalizes a realistic batch and skips the unknown type', () => {
    expect(events).toEqual<NormalizedSendgridEvent[]>([
      { sgEventId: 'sg_evt_1', event: 'processed', email: 'ada@example.test', timestamp: at(1), ...ids },
      { sgEventId: 'sg_evt_2', event: 'delivered', email: 'ada@example.test', timestamp: at(2), ...ids },
      { sgEventId: 'sg_evt_3', event: 'open', email: 'ada@example.test', timestamp: at(3), ...ids },
      {
        sgEventId: 'sg_evt_4',
        event: 'click',
        email: 'ada@example.test',
        timestamp: at(4),
        ...ids,
        url: 'https://bytelyst.test/a',
      },
      {
        sgEventId: 'sg_evt_5',
        event: 'bounce',
        email: 'ada@example.test',
        timestamp: at(5),
        ...ids,
        reason: '550 5.1.1 The email account that you tried to reach does not exist.',
        bounceType: 'bounce',
      },
      {
        sgEventId: 'sg_evt_6',
        event: 'bounce',
        email: 'ada@example.test',
        timestamp: at(6),
        ...ids,
        reason: '554 5.7.1 Service unavailable; Client host blocked',
        bounceType: 'blocked',
      },
      {
        sgEventId: 'sg_evt_7',
        event: 'dropped',
        email: 'ada@example.test',
        timestamp: at(7),
        ...ids,
        reason: 'Bounced Address',
      },
      { sgEventId: 'sg_evt_8', event: 'spamreport', email: 'ada@example.test', timestamp: at(8), ...ids },
      {
        sgEventId: 'sg_evt_9',
        event: 'deferred',
        email: 'ada@example.test',
        timestamp: at(9),
        ...ids,
        reason: '400 try again later',
      },
      { sgEventId: 'sg_evt_11', event: 'group_unsubscribe', email: 'bob@example.test', timestamp: NOW_MS },
    ]);
  });

  it('maps each event to a status and says which ones suppress the address', () => {
    expect(events.map((e) => [e.sgEventId, sendgridEventToStatus(e), sendgridEventSuppresses(e)])).toEqual([
      ['sg_evt_1', 'sent', false],
      ['sg_evt_2', 'delivered', false],
      ['sg_evt_3', 'opened', false],
      ['sg_evt_4', 'clicked', false],
      ['sg_evt_5', 'bounced', true],
      ['sg_evt_6', 'bounced', false],
      ['sg_evt_7', 'dropped', true],
      ['sg_evt_8', 'spam_report', true],
      ['sg_evt_9', 'deferred', false],
      ['sg_evt_11', 'unsubscribed', false],
    ]);
    expect(sendgridEventToStatus({ event: 'unsubscribe' })).toBe('unsubscribed');
    expect(sendgridEventToStatus({ event: 'group_resubscribe' })).toBeNull();
  });

  it('lists what it skipped: unknown types and events missing what every event has', () => {
    const body = [
      { event: 'delivered', email: 'a@example.test', timestamp: NOW_S, sg_event_id: 'ok' },
      { event: 'delivered', email: 'a@example.test', timestamp: NOW_S },
      { event: 'brand_new', email: 'a@example.test', timestamp: NOW_S, sg_event_id: 'x' },
      { email: 'a@example.test' },
      // a custom arg of an unexpected type is dropped, the event kept
      { event: 'open', email: 'a@example.test', timestamp: NOW_S, sg_event_id: 'o', deliveryId: 42 },
    ];
    const { events: parsed, skipped } = parseSendgridEventBatch(Buffer.from(JSON.stringify(body)));
    expect(parsed.map((e) => e.sgEventId)).toEqual(['ok', 'o']);
    expect(parsed[1]).not.toHaveProperty('deliveryId');
    expect(skipped).toEqual([
      { index: 1, event: 'delivered', reason: 'invalid sg_event_id' },
      { index: 2, event: 'brand_new', reason: 'unknown event type' },
      { index: 3, event: null, reason: 'unknown event type' },
    ]);
  });

  it('throws a typed error for a body that is not a JSON array of objects', () => {
    for (const body of ['{"event":"delivered"}', 'not json', '[1,2]', '']) {
      expect(() => parseSendgridEvents(Buffer.from(body))).toThrow(SendgridEventBodyError);
    }
    expect(parseSendgridEvents(Buffer.from('[]'))).toEqual([]);
  });
});
