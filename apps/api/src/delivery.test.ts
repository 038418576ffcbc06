import { createEventWebhookSigner, startFakeSendgrid } from '@bytelyst/routers/testing/fake-sendgrid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginRest, rest } from './testing/http';
import { createTestServer, type TestServer } from './testing/server';

/**
 * Delivery through the API as operators run it: EMAIL_DRIVER=sendgrid with SENDGRID_API_BASE on a loopback
 * server speaking SendGrid's v3 wire format, the signed Event Webhook, Idempotency-Key on REST and one-click
 * unsubscribe.
 */

type FakeSendgrid = Awaited<ReturnType<typeof startFakeSendgrid>>;
type MailBody = {
  from: { email: string; name?: string };
  personalizations: { to: { email: string; name?: string }[] }[];
  subject: string;
  content: { type: string; value: string }[];
  headers?: Record<string, string>;
  custom_args: Record<string, string>;
  categories: string[];
};

const API_KEY = 'SG.api-test-key';

describe('delivery through the API', () => {
  let t: TestServer;
  let sendgrid: FakeSendgrid;
  let adminToken = '';
  const signer = createEventWebhookSigner();

  beforeAll(async () => {
    sendgrid = await startFakeSendgrid({ apiKey: API_KEY });
    t = await createTestServer({
      env: {
        EMAIL_DRIVER: 'sendgrid',
        SENDGRID_API_KEY: API_KEY,
        SENDGRID_API_BASE: sendgrid.baseUrl,
        SENDGRID_WEBHOOK_PUBLIC_KEY: signer.publicKey,
        EMAIL_FROM_ADDRESS: 'hello@bytelyst.test',
        PUBLIC_BASE_URL: 'https://api.bytelyst.test',
        PUBLIC_APP_URL: 'https://app.bytelyst.test',
        DELIVERY_QUIET_HOURS: 'off',
      },
    });
    adminToken = await loginRest(t.app, t.admin.email, t.admin.password);
  });
  afterAll(async () => {
    await t.close();
    await sendgrid.close();
  });

  const mailsTo = (email: string) =>
    sendgrid.requests
      .filter((r) => r.path === '/v3/mail/send')
      .filter((r) => (r.body as MailBody).personalizations[0]?.to[0]?.email === email);

  it('mails the welcome template to a user who registers through REST', async () => {
    const registered = await rest(t.app, 'POST', '/auth/register', {
      body: { email: 'grace@example.com', password: 'correct-horse-battery', name: 'Grace Hopper' },
    });
    expect(registered.status).toBe(200);
    await t.services.bus.drain();
    // Registration also mails the verification link; this is about the welcome.
    const [request, ...more] = mailsTo('grace@example.com').filter((r) =>
      (r.body as MailBody).categories.includes('welcome'),
    );
    expect(more).toEqual([]);
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    const mail = request?.body as MailBody;
    const product = await t.services.products.get(t.env.DEFAULT_PRODUCT_ID);
    expect(mail.from).toEqual({ email: 'hello@bytelyst.test', name: product.name });
    expect(mail.personalizations[0]?.to).toEqual([{ email: 'grace@example.com', name: 'Grace Hopper' }]);
    expect(mail.subject).toContain(product.name);
    const [text, html] = mail.content;
    expect(text?.type).toBe('text/plain');
    expect(text?.value).toContain('Grace');
    expect(text?.value).toContain('https://app.bytelyst.test');
    expect(text?.value).not.toMatch(/<[a-z]/i);
    expect(html?.type).toBe('text/html');
    expect(html?.value).toContain('href="https://app.bytelyst.test');
  });

  it('answers a replayed Idempotency-Key with the first result, and refuses the key with another body', async () => {
    const send = (body: unknown, key: string, token = adminToken) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/delivery/send',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        payload: JSON.stringify(body),
      });
    const body = {
      to: 'ops@example.com',
      template: 'verify-email',
      props: { verifyUrl: 'https://app.bytelyst.test/verify?t=abc', expiresInMinutes: 30 },
      category: 'security',
    };
    const first = await send(body, 'verify-ops-1');
    expect(first.statusCode).toBe(202);
    expect(first.headers['idempotency-replay']).toBeUndefined();
    const replay = await send(body, 'verify-ops-1');
    expect(replay.statusCode).toBe(202);
    expect(replay.headers['idempotency-replay']).toBe('true');
    expect(replay.json()).toEqual({ ...first.json(), replayed: true });
    const other = await send({ ...body, to: 'someone-else@example.com' }, 'verify-ops-1');
    expect(other.statusCode).toBe(422);
    expect(other.json().error.fields).toEqual([{ path: 'idempotencyKey', message: expect.any(String) }]);
    const bad = await send({ ...body, props: { ...body.props, verifyUrl: 'not a url' } }, 'verify-ops-2');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['props.verifyUrl']);
    const anonymous = await t.app.inject({ method: 'POST', url: '/v1/delivery/send', payload: body });
    expect(anonymous.statusCode).toBe(401);
    await t.services.bus.drain();
    expect(mailsTo('ops@example.com')).toHaveLength(1);
  });

  it('verifies the SendGrid Event Webhook signature, keeps nothing from a bad one, and suppresses bounces', async () => {
    const sent = await t.services.delivery.send(t.env.DEFAULT_PRODUCT_ID, {
      to: 'gone@example.com',
      template: 'waitlist-accepted',
      props: { signUpUrl: 'https://app.bytelyst.test/sign-up', inviteCode: 'WXYZ2345' },
      category: 'product_updates',
    });
    await t.services.bus.drain();
    const deliveryId = sent.deliveries[0]?.id ?? '';
    const [request] = mailsTo('gone@example.com');
    if (!request) throw new Error('the mail did not reach SendGrid');
    const args = (request.body as MailBody).custom_args;
    const now = Math.floor(t.clock.clock() / 1000);
    // SendGrid flattens our custom args into each event.
    const events = [
      {
        email: 'gone@example.com',
        timestamp: now,
        event: 'bounce',
        type: 'bounce',
        reason: '550 5.1.1 no such user',
        sg_event_id: 'b-1',
        sg_message_id: 'm',
        ...args,
      },
    ];
    const post = (rawBody: Buffer | string, headers: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/delivery/sendgrid/events',
        headers: { 'content-type': 'application/json', ...headers },
        payload: rawBody,
      });
    const signed = signer.signedRequest(events, now);
    const tampered = await post(signed.rawBody.toString().replace('bounce"', 'delivered"'), signed.headers);
    expect(tampered.statusCode).toBe(401);
    const other = createEventWebhookSigner().signedRequest(events, now);
    expect((await post(other.rawBody, other.headers)).statusCode).toBe(401);
    const stale = signer.signedRequest(events, now - 600);
    expect((await post(stale.rawBody, stale.headers)).statusCode).toBe(401);
    expect((await post(signed.rawBody, {})).statusCode).toBe(401);
    expect((await t.services.delivery.get(t.env.DEFAULT_PRODUCT_ID, deliveryId)).status).toBe('sent');

    const accepted = await post(signed.rawBody, signed.headers);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ received: 1, applied: 1 });
    expect((await t.services.delivery.get(t.env.DEFAULT_PRODUCT_ID, deliveryId)).status).toBe('bounced');
    const suppressed = await rest(t.app, 'GET', '/delivery/suppressions', { token: adminToken });
    expect(suppressed.body).toMatchObject({
      items: [{ email: 'gone@example.com', reason: 'bounced', deliveryId }],
    });
    // A redelivery of the same batch changes nothing.
    const again = await post(signed.rawBody, signed.headers);
    expect(again.json()).toMatchObject({ applied: 0 });
  });

  it('unsubscribes with one click from the link in a lifecycle mail, without signing in', async () => {
    const registered = await rest(t.app, 'POST', '/auth/register', {
      body: { email: 'trial@example.com', password: 'correct-horse-battery', name: 'Trial User' },
    });
    const userId = (registered.body as { user: { id: string } }).user.id;
    await t.services.delivery.send(t.env.DEFAULT_PRODUCT_ID, {
      userId,
      template: 'trial-expiring',
      props: {
        planName: 'Pro',
        daysLeft: 3,
        trialEndsAt: '2027-01-01T00:00:00Z',
        upgradeUrl: 'https://app.bytelyst.test/up',
      },
      category: 'billing',
    });
    await t.services.bus.drain();
    const mail = mailsTo('trial@example.com').find((r) => (r.body as MailBody).headers?.['List-Unsubscribe']);
    if (!mail) throw new Error('no lifecycle mail with List-Unsubscribe reached SendGrid');
    const header = (mail.body as MailBody).headers?.['List-Unsubscribe'] ?? '';
    const link = new URL(/<([^>]+)>/.exec(header)?.[1] ?? 'https://x');
    expect(link.origin + link.pathname).toBe('https://api.bytelyst.test/v1/delivery/unsubscribe');
    const page = await t.app.inject({ method: 'GET', url: link.pathname + link.search });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<form method="post"');
    const click = await t.app.inject({
      method: 'POST',
      url: link.pathname + link.search,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(click.statusCode).toBe(200);
    const prefs = await t.services.notifications.preferences.get(t.env.DEFAULT_PRODUCT_ID, userId);
    expect(prefs.preferences.billing.email).toBe(false);
    const forged = await t.app.inject({
      method: 'POST',
      url: `${link.pathname}?token=${link.searchParams.get('token')?.replace(/.$/, 'x')}`,
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(forged.statusCode).toBe(400);
  });
});
