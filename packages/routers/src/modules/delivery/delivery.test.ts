import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEventWebhookSigner, startFakeSendgrid } from '../../testing/fake-sendgrid';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { DISPATCH_ATTEMPTS } from './dispatcher';

type FakeSendgrid = Awaited<ReturnType<typeof startFakeSendgrid>>;
type MailBody = {
  from: { email: string; name: string };
  personalizations: { to: { email: string; name?: string }[] }[];
  subject: string;
  content: { type: string; value: string }[];
  headers?: Record<string, string>;
  categories: string[];
  custom_args: Record<string, string>;
};

const API_KEY = 'SG.test-key';
const PRODUCT = 'platform';

describe('delivery', () => {
  let h: TestHarness;
  let sendgrid: FakeSendgrid;
  const signer = createEventWebhookSigner();

  beforeAll(async () => {
    sendgrid = await startFakeSendgrid({ apiKey: API_KEY });
    h = await createTestHarness({
      config: {
        delivery: {
          email: {
            driver: 'sendgrid',
            sendgrid: { apiKey: API_KEY, apiBase: sendgrid.baseUrl, timeoutMs: 2000 },
          },
          fromAddress: 'hello@lysnr.test',
          publicBaseUrl: 'https://api.lysnr.test',
          appUrl: 'https://app.lysnr.test',
          quietHours: { start: 22, end: 8 },
          dailyCap: 2,
          sendgridWebhookPublicKey: signer.publicKey,
        },
      },
    });
  });
  afterAll(async () => {
    await h.close();
    await sendgrid.close();
  });
  afterEach(() => {
    sendgrid.requests.length = 0;
    sendgrid.respondWith(() => undefined);
  });

  const mails = () =>
    sendgrid.requests.filter((r) => r.path === '/v3/mail/send').map((r) => r.body as MailBody);
  let n = 0;
  const newUser = async (name = 'Ada Lovelace') => {
    n += 1;
    const user = await h.services.users.create(PRODUCT, {
      email: `user-${n}@example.com`,
      name,
      password: 'correct-horse-battery',
      roles: ['user'],
    });
    await h.services.bus.drain();
    return user;
  };

  it('mails the welcome template to a new user through SendGrid, exactly as SendGrid expects it', async () => {
    const user = await newUser();
    const product = await h.services.products.get(PRODUCT);
    const mine = sendgrid.requests.filter(
      (r) => (r.body as MailBody).personalizations[0]?.to[0]?.email === user.email,
    );
    expect(mine).toHaveLength(1);
    const [request] = mine;
    const mail = request?.body as MailBody;
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(mail.from).toEqual({ email: 'hello@lysnr.test', name: product.name });
    expect(mail.personalizations).toEqual([{ to: [{ email: user.email, name: 'Ada Lovelace' }] }]);
    expect(mail.subject).toContain(product.name);
    expect(mail.content.map((c) => c.type)).toEqual(['text/plain', 'text/html']);
    expect(mail.content[0]?.value).toContain('https://app.lysnr.test');
    expect(mail.content[1]?.value).toMatch(/^<!DOCTYPE html/i);
    expect(mail.categories).toEqual(['welcome', 'product_updates']);
    const { items } = await h.services.delivery.list(PRODUCT, { userId: user.id });
    expect(items.map((i) => [i.template, i.status, i.provider])).toEqual([['welcome', 'sent', 'sendgrid']]);
    expect(mail.custom_args).toEqual({ deliveryId: items[0]?.id, productId: PRODUCT });
    const detail = await h.services.delivery.get(PRODUCT, items[0]?.id ?? '');
    expect(detail.html).toBe(mail.content[1]?.value);
    expect(detail.timeline.map((t) => t.status)).toEqual(['queued', 'sent']);
  });

  it('gives one send per idempotency key: a replay answers the first result, another body is refused', async () => {
    const input = {
      to: 'reset@example.com',
      template: 'password-reset' as const,
      props: { resetUrl: 'https://app.lysnr.test/reset?t=1', expiresInMinutes: 60 },
      category: 'security' as const,
      idempotencyKey: 'reset-1',
    };
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => h.services.delivery.send(PRODUCT, input)),
    );
    const ok = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    // Concurrent duplicates all get the one committed answer: one delivery, one first, four replays.
    expect(ok).toHaveLength(5);
    expect(new Set(ok.map((r) => r.deliveries[0]?.id)).size).toBe(1);
    expect(ok.filter((r) => !r.replayed)).toHaveLength(1);
    const replay = await h.services.delivery.send(PRODUCT, input);
    expect(replay.replayed).toBe(true);
    expect(replay.deliveries[0]?.id).toBe(ok[0]?.deliveries[0]?.id);
    await h.services.bus.drain();
    expect(mails().filter((m) => m.personalizations[0]?.to[0]?.email === 'reset@example.com')).toHaveLength(
      1,
    );
    await expect(
      h.services.delivery.send(PRODUCT, { ...input, props: { ...input.props, expiresInMinutes: 30 } }),
    ).rejects.toMatchObject({ code: 'UNPROCESSABLE', fields: [{ path: 'idempotencyKey' }] });
  });

  it('refuses bad props with the field named, and keeps nothing', async () => {
    await expect(
      h.services.delivery.send(PRODUCT, {
        to: 'x@example.com',
        template: 'password-reset',
        props: { resetUrl: 'javascript:alert(1)', expiresInMinutes: 60 },
        category: 'security',
        idempotencyKey: 'bad-props',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ path: 'props.resetUrl' }] });
    const { items } = await h.services.delivery.list(PRODUCT, { email: 'x@example.com' });
    expect(items).toEqual([]);
  });

  it("follows the user's preferences for non-transactional mail; transactional mail always goes", async () => {
    const user = await newUser();
    await h.services.notifications.preferences.update(PRODUCT, user.id, {
      preferences: { billing: { email: false } },
    });
    const lifecycle = await h.services.delivery.send(PRODUCT, {
      userId: user.id,
      template: 'trial-expired',
      props: {
        planName: 'Pro',
        trialEndedAt: '2026-05-31T00:00:00Z',
        upgradeUrl: 'https://app.lysnr.test/up',
      },
      category: 'billing',
    });
    expect(lifecycle.deliveries.map((d) => d.status)).toEqual(['skipped']);
    const failed = await h.services.delivery.send(PRODUCT, {
      userId: user.id,
      template: 'payment-failed',
      props: {
        amountMinor: 1999,
        currency: 'USD',
        planName: 'Pro',
        updatePaymentUrl: 'https://app.lysnr.test/b',
      },
      category: 'billing',
    });
    expect(failed.deliveries.map((d) => d.status)).toEqual(['queued']);
  });

  it('holds lifecycle mail in quiet hours of the user zone and sends it when they end', async () => {
    const user = await newUser();
    await h.services.notifications.devices.register(PRODUCT, user.id, {
      deviceId: 'tokyo-phone',
      platform: 'ios',
      appVersion: '1.0.0',
      locale: 'ja-JP',
      timeZone: 'Asia/Tokyo',
    });
    // 14:00 UTC is 23:00 in Tokyo.
    h.advance(Date.parse('2026-06-02T14:00:00Z') - h.clock());
    sendgrid.requests.length = 0;
    const sent = await h.services.delivery.send(PRODUCT, {
      userId: user.id,
      template: 'trial-expiring',
      props: {
        planName: 'Pro',
        daysLeft: 3,
        trialEndsAt: '2026-06-05T00:00:00Z',
        upgradeUrl: 'https://app.lysnr.test/up',
      },
      category: 'billing',
    });
    await h.services.bus.drain();
    const id = sent.deliveries[0]?.id ?? '';
    const held = await h.services.delivery.get(PRODUCT, id);
    expect(held.status).toBe('held');
    expect(held.holdReason).toBe('quiet_hours');
    // 08:00 in Tokyo is 23:00 UTC.
    expect(held.holdUntil).toBe('2026-06-02T23:00:00.000Z');
    expect(mails()).toEqual([]);
    h.advance(Date.parse('2026-06-02T23:00:30Z') - h.clock());
    await h.services.jobs.trigger(PRODUCT, 'delivery-release-held', {
      id: 'test',
      email: 'test@example.com',
    });
    await h.services.bus.drain();
    expect((await h.services.delivery.get(PRODUCT, id)).status).toBe('sent');
    const [mail] = mails();
    // Lifecycle mail carries RFC 8058 one-click unsubscribe.
    expect(mail?.headers?.['List-Unsubscribe']).toMatch(
      /^<https:\/\/api\.lysnr\.test\/v1\/delivery\/unsubscribe\?token=/,
    );
    expect(mail?.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });

  it('applies signed SendGrid events in any order and suppresses a hard-bounced address', async () => {
    const sent = await h.services.delivery.send(PRODUCT, {
      to: 'bouncy@example.com',
      template: 'waitlist-accepted',
      props: { signUpUrl: 'https://app.lysnr.test/s', inviteCode: 'ABCD1234' },
      category: 'product_updates',
    });
    await h.services.bus.drain();
    const deliveryId = sent.deliveries[0]?.id ?? '';
    const at = Math.floor(h.clock() / 1000);
    const event = (type: string, extra: Record<string, unknown> = {}) => ({
      email: 'bouncy@example.com',
      timestamp: at,
      event: type,
      sg_event_id: `${type}-${deliveryId}`,
      sg_message_id: 'm1',
      deliveryId,
      productId: PRODUCT,
      ...extra,
    });
    const apply = (events: unknown[]) => {
      const { rawBody } = signer.signedRequest(events, at);
      return h.services.delivery.providerEvents
        .applySendgrid(
          events.map((e) => {
            const x = e as Record<string, unknown>;
            return {
              sgEventId: String(x.sg_event_id),
              event: x.event as 'open',
              email: String(x.email),
              timestamp: at * 1000,
              deliveryId,
              productId: PRODUCT,
              ...(x.type ? { bounceType: x.type as 'bounce' } : {}),
              ...(x.reason ? { reason: String(x.reason) } : {}),
            };
          }),
        )
        .then((r) => ({ ...r, size: rawBody.length }));
    };
    // open before delivered: the entry stays at the higher status.
    await apply([event('open'), event('delivered')]);
    expect((await h.services.delivery.get(PRODUCT, deliveryId)).status).toBe('opened');
    // The same events again change nothing.
    expect((await apply([event('open')])).applied).toBe(0);
    await apply([event('bounce', { type: 'bounce', reason: '550 mailbox unavailable' })]);
    await h.services.bus.drain();
    const detail = await h.services.delivery.get(PRODUCT, deliveryId);
    expect(detail.status).toBe('bounced');
    expect(detail.timeline.map((t) => t.status)).toEqual([
      'queued',
      'sent',
      'opened',
      'delivered',
      'bounced',
    ]);
    expect(await h.services.delivery.isSuppressed(PRODUCT, 'Bouncy@example.com')).toBe(true);
    // No more lifecycle mail to it; transactional mail still goes.
    const lifecycle = await h.services.delivery.send(PRODUCT, {
      to: 'bouncy@example.com',
      template: 'license-expiring',
      props: {
        licenseKeySuffix: 'AB12',
        expiresAt: '2026-07-01T00:00:00Z',
        renewUrl: 'https://app.lysnr.test/r',
      },
      category: 'billing',
    });
    expect(lifecycle.deliveries.map((d) => d.status)).toEqual(['suppressed']);
    await h.services.delivery.removeSuppression(PRODUCT, 'bouncy@example.com');
    expect(await h.services.delivery.isSuppressed(PRODUCT, 'bouncy@example.com')).toBe(false);
  });

  it('retries a 5xx through the bus and records the provider error on the last attempt', async () => {
    sendgrid.respondWith(() => ({ status: 503, body: { errors: [{ message: 'down for maintenance' }] } }));
    const sent = await h.services.delivery.send(PRODUCT, {
      to: 'retry@example.com',
      template: 'verify-email',
      props: { verifyUrl: 'https://app.lysnr.test/v', expiresInMinutes: 30 },
      category: 'security',
    });
    const id = sent.deliveries[0]?.id ?? '';
    // The bus made the first attempt as the send committed; the later ones are its retries.
    await h.services.bus.drain();
    for (let attempt = 2; attempt <= DISPATCH_ATTEMPTS; attempt += 1) {
      await h.services.delivery.dispatch(PRODUCT, id, attempt, DISPATCH_ATTEMPTS).catch(() => undefined);
    }
    const detail = await h.services.delivery.get(PRODUCT, id);
    expect(detail.status).toBe('failed');
    expect(detail.attempts).toBe(DISPATCH_ATTEMPTS);
    expect(detail.error).toMatch(/sendgrid/);
    expect(mails().length).toBe(DISPATCH_ATTEMPTS);
  });

  it('previews every template in the product brand with its checks', async () => {
    const product = await h.services.products.get(PRODUCT);
    for (const { name } of h.services.delivery.templates()) {
      const preview = await h.services.delivery.preview(PRODUCT, name);
      expect(preview.html).toContain(product.name);
      expect(preview.checks.issues.filter((i) => i.severity === 'error')).toEqual([]);
    }
    const error: { fields: { path: string }[] } = await h.services.delivery
      .preview(PRODUCT, 'welcome', { template: 'welcome', email: 'nope' })
      .then(
        () => ({ fields: [] }),
        (e: unknown) => e as { fields: { path: string }[] },
      );
    expect(error.fields.map((f) => f.path).sort()).toEqual([
      'props.brand',
      'props.email',
      'props.getStartedUrl',
    ]);
  });

  it('mails an addressed invitation and the waitlist acceptance on their events', async () => {
    const admin = await h.signIn(['admin']);
    await h.services.growth.invitations.create(
      PRODUCT,
      { maxUses: 1, email: 'friend@example.com', expiresAt: '2026-07-01T00:00:00.000Z' },
      admin.user.id,
    );
    await h.services.growth.waitlist.join(PRODUCT, { email: 'early@example.com' });
    await h.services.growth.waitlist.inviteNext(PRODUCT, 10, admin.user.id);
    await h.services.bus.drain();
    const to = (email: string) => mails().filter((m) => m.personalizations[0]?.to[0]?.email === email);
    const [invitation] = to('friend@example.com');
    expect(invitation?.categories).toEqual(['invitation', 'product_updates']);
    expect(invitation?.content[0]?.value).toMatch(/https:\/\/app\.lysnr\.test\/sign-up\?invite=[A-Z0-9]+/);
    expect(invitation?.content[0]?.value).toContain(admin.user.name);
    const [accepted, ...again] = to('early@example.com');
    expect(again).toEqual([]);
    expect(accepted?.categories).toEqual(['waitlist-accepted', 'product_updates']);
    // The code in the mail is the one the waitlist entry was given.
    const code = /invite=([A-Z0-9]+)/.exec(accepted?.content[0]?.value ?? '')?.[1] ?? '';
    expect((await h.services.growth.invitations.validate(PRODUCT, code)).valid).toBe(true);
  });

  it('holds lifecycle mail past the daily cap until the next local day', async () => {
    const user = await newUser();
    h.advance(Date.parse('2026-06-03T12:00:00Z') - h.clock());
    const send = (n: number) =>
      h.services.delivery.send(PRODUCT, {
        userId: user.id,
        template: 'license-expiring',
        props: {
          licenseKeySuffix: `AB${10 + n}`,
          expiresAt: '2026-07-01T00:00:00Z',
          renewUrl: 'https://app.lysnr.test/r',
        },
        category: 'billing',
      });
    const ids = [];
    for (let i = 0; i < 3; i += 1) ids.push((await send(i)).deliveries[0]?.id ?? '');
    await h.services.bus.drain();
    const statuses = await Promise.all(
      ids.map(async (id) => (await h.services.delivery.get(PRODUCT, id)).status),
    );
    // The cap is 2 in this harness.
    expect(statuses).toEqual(['sent', 'sent', 'held']);
    const held = await h.services.delivery.get(PRODUCT, ids[2] ?? '');
    expect(held.holdReason).toBe('daily_cap');
    expect(held.holdUntil).toBe('2026-06-04T00:00:00.000Z');
  });
});
