import { afterEach, describe, expect, it } from 'vitest';
import { type FakeSendgrid, startFakeSendgrid } from '../../../testing/fake-sendgrid';
import type { EmailDriver, OutgoingEmail } from './email';
import { createEmailDriver } from './email-drivers';

const clock = () => 1_700_000_000_000;

const email: OutgoingEmail = {
  deliveryId: 'dlv_123',
  productId: 'prod_abc',
  from: { email: 'noreply@bytelyst.test' },
  to: { email: 'ada@example.test' },
  subject: 'Welcome',
  html: '<p>Hello</p>',
  text: 'Hello',
  headers: {},
  categories: [],
  customArgs: { deliveryId: 'dlv_123', productId: 'prod_abc' },
};

describe('createEmailDriver', () => {
  const drivers: EmailDriver[] = [];
  let fake: FakeSendgrid | undefined;
  afterEach(async () => {
    for (const driver of drivers.splice(0)) await driver.close?.();
    await fake?.close();
    fake = undefined;
  });

  it('builds the outbox driver, which sends nothing and names the delivery', async () => {
    const driver = createEmailDriver({ driver: 'outbox', clock });
    expect(driver.name).toBe('outbox');
    await expect(driver.send(email)).resolves.toEqual({
      provider: 'outbox',
      providerMessageId: 'outbox-dlv_123',
    });
  });

  it('builds the SendGrid driver against SENDGRID_API_BASE', async () => {
    fake = await startFakeSendgrid({ apiKey: 'SG.key' });
    const driver = createEmailDriver({
      driver: 'sendgrid',
      sendgrid: { apiKey: 'SG.key', apiBase: fake.baseUrl, sandbox: true },
      clock,
    });
    drivers.push(driver);
    expect(driver.name).toBe('sendgrid');
    await expect(driver.send(email)).resolves.toMatchObject({ provider: 'sendgrid' });
    expect(fake.requests[0]?.body).toMatchObject({ mail_settings: { sandbox_mode: { enable: true } } });
  });

  it('wraps the driver in failover when a fallback is configured', async () => {
    fake = await startFakeSendgrid({ apiKey: 'SG.key' });
    fake.respondWith(() => ({ status: 503 }));
    const driver = createEmailDriver({
      driver: 'sendgrid',
      fallback: 'smtp',
      sendgrid: { apiKey: 'SG.key', apiBase: fake.baseUrl },
      // a closed loopback port: the fallback fails too, so the error shows both were tried
      smtp: { url: 'smtp://127.0.0.1:1', timeoutMs: 2000 },
      breaker: { failureThreshold: 1 },
      clock,
    });
    drivers.push(driver);
    await expect(driver.send(email)).rejects.toMatchObject({ provider: 'smtp', kind: 'transient' });
    await expect(driver.send(email)).rejects.toMatchObject({ provider: 'smtp', kind: 'transient' });
    // threshold 1: the second send skipped SendGrid
    expect(fake.requests).toHaveLength(1);
  });

  it.each([
    [{ driver: 'sendgrid' as const }, 'EMAIL_DRIVER=sendgrid needs SENDGRID_API_KEY'],
    [
      { driver: 'sendgrid' as const, sendgrid: { apiKey: '' } },
      'EMAIL_DRIVER=sendgrid needs SENDGRID_API_KEY',
    ],
    [{ driver: 'smtp' as const }, 'EMAIL_DRIVER=smtp needs SMTP_URL'],
    [
      { driver: 'sendgrid' as const, fallback: 'smtp' as const, sendgrid: { apiKey: 'SG.key' } },
      'EMAIL_FALLBACK_DRIVER=smtp needs SMTP_URL',
    ],
    [
      { driver: 'smtp' as const, fallback: 'sendgrid' as const, smtp: { url: 'smtp://127.0.0.1:2525' } },
      'EMAIL_FALLBACK_DRIVER=sendgrid needs SENDGRID_API_KEY',
    ],
    [
      { driver: 'outbox' as const, fallback: 'smtp' as const },
      'EMAIL_FALLBACK_DRIVER=smtp needs EMAIL_DRIVER=sendgrid or smtp (the outbox never fails)',
    ],
    [
      { driver: 'smtp' as const, fallback: 'smtp' as const, smtp: { url: 'smtp://127.0.0.1:2525' } },
      'EMAIL_FALLBACK_DRIVER=smtp must differ from EMAIL_DRIVER=smtp',
    ],
    [
      { driver: 'smtp' as const, smtp: { url: 'https://user:hunter2@127.0.0.1' } },
      'SMTP_URL must start with smtp:// or smtps://, not https://',
    ],
    [
      { driver: 'sendgrid' as const, sendgrid: { apiKey: 'SG.key', apiBase: '127.0.0.1:8080' } },
      'SENDGRID_API_BASE must be an http(s) URL, got "127.0.0.1:8080"',
    ],
  ])('refuses incomplete config %#', (config, message) => {
    expect(() => createEmailDriver({ ...config, clock })).toThrow(new Error(message));
  });

  it('does not repeat the SMTP password in its error', () => {
    expect(() => createEmailDriver({ driver: 'smtp', smtp: { url: 'smtp://user:hunter2@' }, clock })).toThrow(
      /^SMTP_URL (?!.*hunter2)/,
    );
  });
});
