import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSendgrid } from '../../testing/fake-sendgrid';
import { createTestHarness, type TestHarness } from '../../testing/harness';

const API_KEY = 'SG.test-key';
const PRODUCT = 'platform';
type MailBody = {
  personalizations: { to: { email: string }[] }[];
  subject: string;
  content: { type: string; value: string }[];
};

/**
 * Mail in the recipient's language through the real delivery path (queue, dispatcher, render, a SendGrid
 * server on loopback): strings from i18n, the locale from the user's setting, else their latest device's.
 */
describe('localized mail', () => {
  let h: TestHarness;
  let sendgrid: Awaited<ReturnType<typeof startFakeSendgrid>>;

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
          quietHours: null,
        },
      },
    });
    const admin = await h.signIn(['admin']);
    await admin.caller.i18n.createLocale({ locale: 'de' });
    await admin.caller.i18n.setString({
      key: 'email.welcome.subject',
      locale: 'de',
      message: 'Willkommen bei {productName}',
    });
    await admin.caller.i18n.setString({
      key: 'email.welcome.title',
      locale: 'de',
      message: 'Schön, dass du bei {productName} bist',
    });
  });
  afterAll(async () => {
    await h.close();
    await sendgrid.close();
  });

  let n = 0;
  const newUser = async () => {
    n += 1;
    const user = await h.services.users.create(PRODUCT, {
      email: `reader-${n}@example.com`,
      name: `Reader ${n}`,
      password: 'correct-horse-battery',
      roles: ['user'],
    });
    await h.services.bus.drain();
    return user;
  };
  /** Sends the welcome template to the user through delivery and returns the mail SendGrid received. */
  const welcome = async (user: { id: string; email: string }) => {
    sendgrid.requests.length = 0;
    await h.services.delivery.send(
      PRODUCT,
      {
        template: 'welcome',
        category: 'security',
        userId: user.id,
        props: { getStartedUrl: 'https://app.lysnr.test/start' },
      },
      { actorId: null },
    );
    await h.services.bus.drain();
    const mails = sendgrid.requests
      .filter((r) => r.path === '/v3/mail/send')
      .map((r) => r.body as MailBody)
      .filter((m) => m.personalizations[0]?.to[0]?.email === user.email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    if (!mail) throw new Error('no mail');
    return { subject: mail.subject, html: mail.content.find((c) => c.type === 'text/html')?.value ?? '' };
  };

  it('writes to a user whose locale setting is de in German, key by key over the English', async () => {
    const user = await newUser();
    await h.services.settings.patchUser(PRODUCT, user.id, { locale: 'de' });
    const product = await h.services.products.get(PRODUCT);
    const mail = await welcome(user);
    expect(mail.subject).toBe(`Willkommen bei ${product.name}`);
    expect(mail.html).toContain(`Schön, dass du bei ${product.name} bist`);
    // Not translated: the built-in English.
    expect(mail.html).toContain('Get started');
  });

  it("takes the latest device's locale when the user set none (de-AT falls back to de)", async () => {
    const user = await newUser();
    await h.services.notifications.devices.register(PRODUCT, user.id, {
      deviceId: 'phone-1',
      platform: 'ios',
      appVersion: '1.0.0',
      locale: 'de-AT',
      timeZone: 'Europe/Vienna',
    });
    expect((await welcome(user)).subject).toMatch(/^Willkommen bei /);
  });

  it('writes to a user without a locale in the product default, English', async () => {
    const user = await newUser();
    const product = await h.services.products.get(PRODUCT);
    const mail = await welcome(user);
    expect(mail.subject).toBe(`Welcome to ${product.name}`);
    expect(mail.html).toContain(`Welcome to ${product.name}`);
    expect(mail.html).not.toContain('Schön');
  });
});
