import { createHmac, createPublicKey, timingSafeEqual, verify } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import {
  generateWebhookSecret,
  generateWebhookSigningKey,
  isWebhookSecret,
  isWebhookSigningKey,
  publicKeyOf,
  signWebhook,
  WEBHOOK_SECRET_PREFIX,
  type WebhookHeaders,
} from './signing';

const BODY = JSON.stringify({ type: 'subscription.created', data: { userId: 'u1', plan: 'pro' } });

/** The specification's own arithmetic, written out, so the test does not only check the library against itself. */
const expectedSignature = (secret: string, id: string, timestamp: string, body: string) =>
  `v1,${createHmac('sha256', Buffer.from(secret.slice(WEBHOOK_SECRET_PREFIX.length), 'base64'))
    .update(`${id}.${timestamp}.${body}`)
    .digest('base64')}`;

describe('webhook signing (Standard Webhooks)', () => {
  it('makes whsec_ secrets of 32 random bytes, each different', () => {
    const a = generateWebhookSecret();
    const b = generateWebhookSecret();
    expect(a).not.toBe(b);
    expect(a.startsWith('whsec_')).toBe(true);
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(32);
    expect(isWebhookSecret(a)).toBe(true);
    expect(isWebhookSecret('whsec_c2hvcnQ=')).toBe(false);
    expect(isWebhookSecret(a.slice(6))).toBe(false);
    expect(isWebhookSecret('whsec_not base64!')).toBe(false);
  });

  it('signs as the specification says, and a Standard Webhooks receiver accepts it', () => {
    const secret = generateWebhookSecret();
    const timestamp = new Date();
    const headers = signWebhook({
      id: 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W',
      timestamp,
      body: BODY,
      secrets: [secret],
    });
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(timestamp.getTime() / 1000)));
    expect(headers['webhook-signature']).toBe(
      expectedSignature(secret, headers['webhook-id'], headers['webhook-timestamp'], BODY),
    );
    expect(new Webhook(secret.slice(6)).verify(BODY, headers)).toEqual(JSON.parse(BODY));
    // The receiving library also takes the secret with its prefix, as integrators paste it.
    expect(new Webhook(secret).verify(BODY, headers)).toEqual(JSON.parse(BODY));
  });

  it('during a rotation carries one signature per secret, so a receiver holding either accepts it', () => {
    const previous = generateWebhookSecret();
    const current = generateWebhookSecret();
    const headers = signWebhook({
      id: 'msg_1',
      timestamp: new Date(),
      body: BODY,
      secrets: [current, previous],
    });
    const parts = headers['webhook-signature'].split(' ');
    expect(parts).toHaveLength(2);
    expect(parts.every((part) => part.startsWith('v1,'))).toBe(true);
    expect(new Webhook(current.slice(6)).verify(BODY, headers)).toBeTruthy();
    expect(new Webhook(previous.slice(6)).verify(BODY, headers)).toBeTruthy();
    expect(() => new Webhook(generateWebhookSecret().slice(6)).verify(BODY, headers)).toThrow();
  });

  it('a receiver refuses an altered body, another id, or a stale timestamp', () => {
    const secret = generateWebhookSecret();
    const receiver = new Webhook(secret.slice(6));
    const headers = signWebhook({ id: 'msg_2', timestamp: new Date(), body: BODY, secrets: [secret] });
    expect(() => receiver.verify(`${BODY} `, headers)).toThrow();
    expect(() => receiver.verify(BODY, { ...headers, 'webhook-id': 'msg_3' })).toThrow();
    const stale = signWebhook({
      id: 'msg_2',
      timestamp: new Date(Date.now() - 10 * 60_000),
      body: BODY,
      secrets: [secret],
    });
    expect(() => receiver.verify(BODY, stale)).toThrow(/timestamp/i);
  });

  it('refuses to sign without a secret or with something that is not one', () => {
    expect(() => signWebhook({ id: 'm', timestamp: new Date(), body: BODY, secrets: [] })).toThrow(
      /at least one/,
    );
    expect(() => signWebhook({ id: 'm', timestamp: new Date(), body: BODY, secrets: ['sk_live_x'] })).toThrow(
      /not a webhook secret/,
    );
    const { secret } = generateWebhookSigningKey();
    expect(() =>
      signWebhook({ id: 'm', timestamp: new Date(), body: BODY, secrets: [`${secret}AA`] }),
    ).toThrow(/not a webhook secret/);
  });
});

/**
 * A receiver of the roadmap's headers, written as an integrator would: recompute the HMAC over
 * `${timestamp}.${body}`, compare in constant time with each `sha256=` value, and refuse a timestamp more
 * than 5 minutes from its own clock.
 */
const roadmapReceiver =
  (secret: string, now: () => number = Date.now) =>
  (body: string, headers: Record<string, string | undefined>): boolean => {
    const timestamp = headers['x-webhook-timestamp'] ?? '';
    const signature = headers['x-webhook-signature'];
    if (!/^\d+$/.test(timestamp) || !signature) return false;
    if (Math.abs(now() / 1000 - Number(timestamp)) > 5 * 60) return false;
    const expected = createHmac('sha256', Buffer.from(secret.slice(WEBHOOK_SECRET_PREFIX.length), 'base64'))
      .update(`${timestamp}.${body}`)
      .digest();
    return signature.split(', ').some((value) => {
      if (!value.startsWith('sha256=')) return false;
      const given = Buffer.from(value.slice('sha256='.length), 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
  };

describe("the roadmap's headers (X-Webhook-Timestamp, X-Webhook-Signature)", () => {
  it('carry the same seconds and a hex HMAC of "{timestamp}.{body}" that a hand-written receiver accepts', () => {
    const secret = generateWebhookSecret();
    const headers = signWebhook({ id: 'msg_r1', timestamp: new Date(), body: BODY, secrets: [secret] });
    expect(headers['x-webhook-timestamp']).toBe(headers['webhook-timestamp']);
    expect(headers['x-webhook-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(roadmapReceiver(secret)(BODY, headers)).toBe(true);
    expect(roadmapReceiver(secret)(`${BODY} `, headers)).toBe(false);
    expect(roadmapReceiver(generateWebhookSecret())(BODY, headers)).toBe(false);
  });

  it('during a rotation carry one value per secret, so a receiver holding either accepts', () => {
    const previous = generateWebhookSecret();
    const current = generateWebhookSecret();
    const headers = signWebhook({
      id: 'msg_r2',
      timestamp: new Date(),
      body: BODY,
      secrets: [current, previous],
    });
    expect(headers['x-webhook-signature']?.split(', ')).toHaveLength(2);
    expect(roadmapReceiver(current)(BODY, headers)).toBe(true);
    expect(roadmapReceiver(previous)(BODY, headers)).toBe(true);
  });

  it('are refused when older than 5 minutes, or when the timestamp was changed to look fresh', () => {
    const secret = generateWebhookSecret();
    const sent = new Date('2026-03-01T12:00:00Z');
    const headers = signWebhook({ id: 'msg_r3', timestamp: sent, body: BODY, secrets: [secret] });
    expect(roadmapReceiver(secret, () => sent.getTime() + 4 * 60_000)(BODY, headers)).toBe(true);
    expect(roadmapReceiver(secret, () => sent.getTime() + 5 * 60_000 + 1000)(BODY, headers)).toBe(false);
    const later = sent.getTime() + 10 * 60_000;
    const refreshed = { ...headers, 'x-webhook-timestamp': String(Math.floor(later / 1000)) };
    expect(roadmapReceiver(secret, () => later)(BODY, refreshed)).toBe(false);
  });
});

/** The receiver's side of `v1a`: node:crypto's ed25519 verify with the raw public key from `whpk_`. */
const verifyV1a = (publicKey: string, body: string, headers: WebhookHeaders): boolean => {
  const key = createPublicKey({
    key: {
      kty: 'OKP',
      crv: 'Ed25519',
      x: Buffer.from(publicKey.slice('whpk_'.length), 'base64').toString('base64url'),
    },
    format: 'jwk',
  });
  const data = Buffer.from(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`);
  return headers['webhook-signature']
    .split(' ')
    .filter((entry) => entry.startsWith('v1a,'))
    .some((entry) => verify(null, data, key, Buffer.from(entry.slice('v1a,'.length), 'base64')));
};

describe('asymmetric v1a signatures (ed25519)', () => {
  it('makes whsk_ keys of seed + public key and whpk_ public keys of 32 bytes', () => {
    const { secret, publicKey } = generateWebhookSigningKey();
    expect(secret.startsWith('whsk_')).toBe(true);
    expect(publicKey.startsWith('whpk_')).toBe(true);
    const secretBytes = Buffer.from(secret.slice(5), 'base64');
    const publicBytes = Buffer.from(publicKey.slice(5), 'base64');
    expect(secretBytes).toHaveLength(64);
    expect(publicBytes).toHaveLength(32);
    expect(secretBytes.subarray(32).equals(publicBytes)).toBe(true);
    expect(publicKeyOf(secret)).toBe(publicKey);
    expect(isWebhookSigningKey(secret)).toBe(true);
    expect(generateWebhookSigningKey().secret).not.toBe(secret);
  });

  it('recognises only well-formed keys whose halves belong together', () => {
    const { secret } = generateWebhookSigningKey();
    const other = generateWebhookSigningKey().secret;
    const bytes = Buffer.from(secret.slice(5), 'base64');
    const mismatched = Buffer.concat([
      bytes.subarray(0, 32),
      Buffer.from(other.slice(5), 'base64').subarray(32),
    ]);
    expect(isWebhookSigningKey(`whsk_${mismatched.toString('base64')}`)).toBe(false);
    expect(isWebhookSigningKey(`whsk_${bytes.subarray(0, 32).toString('base64')}`)).toBe(false);
    expect(isWebhookSigningKey(generateWebhookSecret())).toBe(false);
    expect(isWebhookSigningKey('whsk_not base64!')).toBe(false);
    expect(isWebhookSecret(secret)).toBe(false);
    expect(() => publicKeyOf(generateWebhookSecret())).toThrow(/not a webhook signing key/);
  });

  it('signs "{id}.{timestamp}.{body}" so that ed25519 verify with the whpk_ key accepts it, and not a tampered body', () => {
    const { secret, publicKey } = generateWebhookSigningKey();
    const headers = signWebhook({ id: 'msg_a1', timestamp: new Date(), body: BODY, secrets: [secret] });
    expect(headers['webhook-signature']).toMatch(/^v1a,[A-Za-z0-9+/]{86}==$/);
    expect(verifyV1a(publicKey, BODY, headers)).toBe(true);
    expect(verifyV1a(publicKey, `${BODY} `, headers)).toBe(false);
    expect(verifyV1a(publicKey, BODY, { ...headers, 'webhook-id': 'msg_a2' })).toBe(false);
    expect(verifyV1a(generateWebhookSigningKey().publicKey, BODY, headers)).toBe(false);
  });

  it('leaves out x-webhook-signature when no shared secret signs, and keeps x-webhook-timestamp', () => {
    const { secret } = generateWebhookSigningKey();
    const headers = signWebhook({ id: 'msg_a3', timestamp: new Date(), body: BODY, secrets: [secret] });
    expect(headers['x-webhook-timestamp']).toBe(headers['webhook-timestamp']);
    expect(headers).not.toHaveProperty('x-webhook-signature');
    expect(() => new Webhook(generateWebhookSecret()).verify(BODY, headers)).toThrow();
  });

  it('while moving from a shared secret to a key pair, signs with both, current first, each verifiable', () => {
    const signing = generateWebhookSigningKey();
    const shared = generateWebhookSecret();
    const headers = signWebhook({
      id: 'msg_a4',
      timestamp: new Date(),
      body: BODY,
      secrets: [signing.secret, shared],
    });
    const entries = headers['webhook-signature'].split(' ');
    expect(entries.map((entry) => entry.split(',')[0])).toEqual(['v1a', 'v1']);
    expect(verifyV1a(signing.publicKey, BODY, headers)).toBe(true);
    expect(new Webhook(shared).verify(BODY, headers)).toEqual(JSON.parse(BODY));
    expect(() => new Webhook(shared).verify(`${BODY} `, headers)).toThrow();
    expect(roadmapReceiver(shared)(BODY, headers)).toBe(true);
    expect(headers['x-webhook-signature']?.split(', ')).toHaveLength(1);
  });
});
