import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, isWebhookSecret, signWebhook, WEBHOOK_SECRET_PREFIX } from './signing';

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
  });
});
