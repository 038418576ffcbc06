import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSendgrid, startFakeSendgrid } from '../../../testing/fake-sendgrid';
import { rejectionOf } from '../../../testing/rejection';
import { createCircuitBreaker } from './circuit-breaker';
import { type EmailDriver, EmailProviderError, type OutgoingEmail } from './email';
import { createFailoverEmailDriver, type EmailFallbackInfo } from './email-failover';
import { createSendgridDriver } from './email-sendgrid';
import { createSmtpDriver } from './email-smtp';

const API_KEY = 'SG.loopback-test-key';

/** A real SMTP server on 127.0.0.1 (plain text, no auth) that keeps the envelope of what it receives. */
const startSmtpSink = async (opts: { rcptReply?: number } = {}) => {
  const received: Array<{ to: string[]; raw: string }> = [];
  const server = new SMTPServer({
    secure: false,
    hideSTARTTLS: true,
    authOptional: true,
    logger: false,
    onRcptTo: (_address, _session, callback) => {
      if (opts.rcptReply === undefined) {
        callback();
        return;
      }
      callback(
        Object.assign(new Error(`Recipient refused (${opts.rcptReply})`), { responseCode: opts.rcptReply }),
      );
    },
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

const email = (overrides: Partial<OutgoingEmail> = {}): OutgoingEmail => ({
  deliveryId: 'dlv_123',
  productId: 'prod_abc',
  from: { email: 'noreply@bytelyst.test', name: 'ByteLyst' },
  to: { email: 'ada@example.test' },
  subject: 'Welcome',
  html: '<p>Hello</p>',
  text: 'Hello',
  headers: { 'List-Unsubscribe': '<https://bytelyst.test/u/tok>' },
  categories: ['welcome'],
  customArgs: { deliveryId: 'dlv_123', productId: 'prod_abc' },
  ...overrides,
});

const rejection = (promise: Promise<unknown>) => rejectionOf(promise, EmailProviderError);

describe('failover email driver (SendGrid fake -> real SMTP server)', () => {
  let sendgrid: FakeSendgrid;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let now: number;
  const clock = () => now;
  const fallbacks: EmailFallbackInfo[] = [];
  const drivers: EmailDriver[] = [];

  const failover = (opts: { failureThreshold?: number; smtpUrl?: string } = {}) => {
    const driver = createFailoverEmailDriver({
      primary: createSendgridDriver({ apiKey: API_KEY, apiBase: sendgrid.baseUrl, timeoutMs: 2000 }),
      fallback: createSmtpDriver({ url: opts.smtpUrl ?? smtp.url, timeoutMs: 2000 }),
      breaker: createCircuitBreaker({
        failureThreshold: opts.failureThreshold ?? 3,
        cooldownMs: 60_000,
        clock,
      }),
      onFallback: (info) => fallbacks.push(info),
    });
    drivers.push(driver);
    return driver;
  };

  beforeEach(async () => {
    now = 1_700_000_000_000;
    fallbacks.length = 0;
    sendgrid = await startFakeSendgrid({ apiKey: API_KEY });
    smtp = await startSmtpSink();
  });
  afterEach(async () => {
    for (const driver of drivers.splice(0)) await driver.close?.();
    await sendgrid.close();
    await smtp.close();
  });

  it('sends through SendGrid when it accepts, without touching SMTP', async () => {
    const sent = await failover().send(email());
    expect(sent).toMatchObject({ provider: 'sendgrid', providerMessageId: 'fake-sg-000001' });
    expect(sent.fellBackFrom).toBeUndefined();
    expect(smtp.received).toHaveLength(0);
  });

  it('fails over to SMTP when SendGrid answers 503', async () => {
    sendgrid.respondWith([{ status: 503, body: { errors: [{ message: 'service unavailable' }] } }]);
    const sent = await failover().send(email());

    expect(sent.provider).toBe('smtp');
    expect(sent.providerMessageId).toMatch(/^<.+>$/);
    expect(sent.fellBackFrom).toEqual({
      provider: 'sendgrid',
      error: 'SendGrid answered 503: service unavailable',
    });
    expect(sendgrid.requests).toHaveLength(1);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.to).toEqual(['ada@example.test']);
    expect(smtp.received[0]?.raw).toMatch(/X-Delivery-Id: dlv_123/i);
    expect(fallbacks).toEqual([
      {
        deliveryId: 'dlv_123',
        from: 'sendgrid',
        to: 'smtp',
        reason: 'error',
        error: 'SendGrid answered 503: service unavailable',
      },
    ]);
  });

  it('does not fail over a permanent refusal (400)', async () => {
    sendgrid.respondWith([
      { status: 400, body: { errors: [{ message: 'Does not contain a valid address.' }] } },
    ]);
    const error = await rejection(failover().send(email()));
    expect(error).toMatchObject({ provider: 'sendgrid', kind: 'permanent', status: 400 });
    expect(smtp.received).toHaveLength(0);
    expect(fallbacks).toHaveLength(0);
  });

  it('opens the circuit after N transient failures, skips SendGrid until the cooldown, then tries it once', async () => {
    const driver = failover({ failureThreshold: 3 });
    sendgrid.respondWith(() => ({ status: 500 }));

    for (let i = 1; i <= 3; i += 1) {
      const sent = await driver.send(email({ deliveryId: `dlv_${i}` }));
      expect(sent.provider).toBe('smtp');
      expect(sent.fellBackFrom?.error).toBe('SendGrid answered 500');
    }
    expect(sendgrid.requests).toHaveLength(3);

    // open: SendGrid is not called at all
    for (let i = 4; i <= 6; i += 1) {
      const sent = await driver.send(email({ deliveryId: `dlv_${i}` }));
      expect(sent.fellBackFrom).toEqual({ provider: 'sendgrid', error: 'circuit open' });
    }
    expect(sendgrid.requests).toHaveLength(3);
    expect(fallbacks.at(-1)).toMatchObject({ reason: 'circuit_open', deliveryId: 'dlv_6' });

    now += 59_999;
    await driver.send(email({ deliveryId: 'dlv_7' }));
    expect(sendgrid.requests).toHaveLength(3);

    // half-open trial fails: SendGrid called once, circuit open again for a full cooldown
    now += 1;
    const trial = await driver.send(email({ deliveryId: 'dlv_8' }));
    expect(sendgrid.requests).toHaveLength(4);
    expect(trial.fellBackFrom?.error).toBe('SendGrid answered 500');
    await driver.send(email({ deliveryId: 'dlv_9' }));
    expect(sendgrid.requests).toHaveLength(4);

    // next trial succeeds: the circuit closes and SendGrid takes every message again
    now += 60_000;
    sendgrid.respondWith(() => undefined);
    const recovered = await driver.send(email({ deliveryId: 'dlv_10' }));
    expect(recovered).toMatchObject({ provider: 'sendgrid' });
    expect(recovered.fellBackFrom).toBeUndefined();
    await driver.send(email({ deliveryId: 'dlv_11' }));
    expect(sendgrid.requests).toHaveLength(6);
    expect(smtp.received).toHaveLength(9);
  });

  it('throws the fallback error, transient, when both providers fail', async () => {
    sendgrid.respondWith([{ status: 503 }]);
    const refusing = await startSmtpSink({ rcptReply: 550 });
    try {
      const error = await rejection(failover({ smtpUrl: refusing.url }).send(email()));
      expect(error).toMatchObject({ provider: 'smtp', kind: 'transient', status: 550 });
      expect(error.message).toContain('after sendgrid: SendGrid answered 503');
      expect(error.cause).toBeInstanceOf(EmailProviderError);
    } finally {
      await refusing.close();
    }
  });

  it('keeps a transient fallback error as it is', async () => {
    sendgrid.respondWith([{ status: 503 }]);
    const deferring = await startSmtpSink({ rcptReply: 451 });
    try {
      const error = await rejection(failover({ smtpUrl: deferring.url }).send(email()));
      expect(error).toMatchObject({ provider: 'smtp', kind: 'transient', status: 451 });
    } finally {
      await deferring.close();
    }
  });

  it('counts a permanent refusal as the primary being up: it does not open the circuit', async () => {
    const driver = failover({ failureThreshold: 2 });
    sendgrid.respondWith([{ status: 500 }, { status: 400 }, { status: 500 }]);
    await driver.send(email());
    await rejection(driver.send(email()));
    await driver.send(email());
    // two transient failures, but not consecutive: SendGrid is still tried
    sendgrid.respondWith(() => undefined);
    const sent = await driver.send(email());
    expect(sent.provider).toBe('sendgrid');
    expect(sendgrid.requests).toHaveLength(4);
  });
});
