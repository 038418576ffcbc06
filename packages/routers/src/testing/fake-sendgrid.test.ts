import { EventWebhook } from '@sendgrid/eventwebhook';
import { afterEach, describe, expect, it } from 'vitest';
import { createEventWebhookSigner, type FakeSendgrid, startFakeSendgrid } from './fake-sendgrid';

const post = (baseUrl: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${baseUrl}/v3/mail/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const VALID = {
  personalizations: [{ to: [{ email: 'ada@example.test' }] }],
  from: { email: 'noreply@bytelyst.test' },
  subject: 'Hi',
  content: [{ type: 'text/plain', value: 'Hi' }],
};

describe('fake SendGrid', () => {
  let fake: FakeSendgrid;
  afterEach(async () => {
    await fake.close();
  });

  it('answers a valid send with 202, an x-message-id and an empty body, and records it', async () => {
    fake = await startFakeSendgrid();
    expect(fake.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await post(fake.baseUrl, VALID, { authorization: 'Bearer SG.any' });
    expect(res.status).toBe(202);
    expect(res.headers.get('x-message-id')).toBe('fake-sg-000001');
    expect(await res.text()).toBe('');
    expect(fake.requests).toEqual([
      expect.objectContaining({ method: 'POST', path: '/v3/mail/send', body: VALID }),
    ]);
  });

  it("answers 401 in SendGrid's error shape without a Bearer key, or with another key than configured", async () => {
    fake = await startFakeSendgrid({ apiKey: 'SG.right' });
    const none = await post(fake.baseUrl, VALID);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({
      errors: [{ message: 'authorization required', field: null, help: null }],
    });
    const wrong = await post(fake.baseUrl, VALID, { authorization: 'Bearer SG.wrong' });
    expect(wrong.status).toBe(401);
  });

  it('answers 400 naming each missing field', async () => {
    fake = await startFakeSendgrid();
    const res = await post(fake.baseUrl, { subject: 'Hi' }, { authorization: 'Bearer SG.any' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Array<{ field: string; help: null }> };
    expect(body.errors.map((e) => e.field)).toEqual(['personalizations', 'from.email', 'content']);
  });

  it('plays a scripted queue first, then the responder, then its own behaviour', async () => {
    fake = await startFakeSendgrid();
    fake.respondWith((req) => (req.headers['x-case'] === 'teapot' ? { status: 418 } : undefined));
    fake.respondWith([{ status: 503, headers: { 'retry-after': '3' } }]);
    const auth = { authorization: 'Bearer SG.any' };
    const first = await post(fake.baseUrl, VALID, auth);
    expect([first.status, first.headers.get('retry-after')]).toEqual([503, '3']);
    expect((await post(fake.baseUrl, VALID, { ...auth, 'x-case': 'teapot' })).status).toBe(418);
    expect((await post(fake.baseUrl, VALID, auth)).status).toBe(202);
  });

  it('signs event bodies so that @sendgrid/eventwebhook verifies them', () => {
    const signer = createEventWebhookSigner();
    const { rawBody, headers } = signer.signedRequest([{ event: 'delivered' }], 1_700_000_000);
    const webhook = new EventWebhook();
    const key = webhook.convertPublicKeyToECDSA(signer.publicKey);
    const signature = headers['x-twilio-email-event-webhook-signature'];
    const timestamp = headers['x-twilio-email-event-webhook-timestamp'];
    expect(webhook.verifySignature(key, rawBody, signature, timestamp)).toBe(true);
    expect(
      webhook.verifySignature(key, Buffer.concat([rawBody, Buffer.from(' ')]), signature, timestamp),
    ).toBe(false);
  });
});
