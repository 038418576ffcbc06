import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSendgrid, startFakeSendgrid } from '../../../testing/fake-sendgrid';
import { rejectionOf } from '../../../testing/rejection';
import { EmailProviderError, type OutgoingEmail } from './email';
import { createSendgridDriver } from './email-sendgrid';

const API_KEY = 'SG.loopback-test-key';

const email = (overrides: Partial<OutgoingEmail> = {}): OutgoingEmail => ({
  deliveryId: 'dlv_123',
  productId: 'prod_abc',
  from: { email: 'noreply@bytelyst.test', name: 'ByteLyst' },
  replyTo: { email: 'support@bytelyst.test', name: 'Support' },
  to: { email: 'ada@example.test', name: 'Ada' },
  subject: 'Welcome, Ada',
  html: '<p>Hello <b>Ada</b></p>',
  text: 'Hello Ada',
  headers: {
    'List-Unsubscribe': '<https://bytelyst.test/u/tok>, <mailto:unsub@bytelyst.test>',
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  },
  categories: ['welcome', 'onboarding'],
  customArgs: { deliveryId: 'dlv_123', productId: 'prod_abc' },
  ...overrides,
});

const rejection = (promise: Promise<unknown>) => rejectionOf(promise, EmailProviderError);

describe('sendgrid driver', () => {
  let fake: FakeSendgrid;
  beforeEach(async () => {
    fake = await startFakeSendgrid({ apiKey: API_KEY });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('posts the exact v3 mail/send request and returns the x-message-id', async () => {
    const driver = createSendgridDriver({ apiKey: API_KEY, apiBase: fake.baseUrl });
    const sent = await driver.send(email());

    expect(sent).toEqual({ provider: 'sendgrid', providerMessageId: 'fake-sg-000001', response: '202' });
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v3/mail/send');
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request?.headers['content-type']).toMatch(/^application\/json/);
    // message headers travel in the body, never as headers of the API call
    expect(request?.headers['list-unsubscribe']).toBeUndefined();
    expect(request?.body).toEqual({
      from: { email: 'noreply@bytelyst.test', name: 'ByteLyst' },
      reply_to: { email: 'support@bytelyst.test', name: 'Support' },
      personalizations: [{ to: [{ email: 'ada@example.test', name: 'Ada' }] }],
      subject: 'Welcome, Ada',
      content: [
        { type: 'text/plain', value: 'Hello Ada' },
        { type: 'text/html', value: '<p>Hello <b>Ada</b></p>' },
      ],
      headers: {
        'List-Unsubscribe': '<https://bytelyst.test/u/tok>, <mailto:unsub@bytelyst.test>',
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
      categories: ['welcome', 'onboarding'],
      custom_args: { deliveryId: 'dlv_123', productId: 'prod_abc' },
    });
  });

  it('turns on sandbox mode when configured, and omits reply_to and names that are absent', async () => {
    const driver = createSendgridDriver({ apiKey: API_KEY, apiBase: fake.baseUrl, sandbox: true });
    await driver.send(email({ replyTo: undefined, to: { email: 'bob@example.test' } }));
    const body = fake.requests[0]?.body as Record<string, unknown>;
    expect(body.mail_settings).toEqual({ sandbox_mode: { enable: true } });
    expect(body).not.toHaveProperty('reply_to');
    expect(body.personalizations).toEqual([{ to: [{ email: 'bob@example.test' }] }]);
  });

  it('keeps two drivers with different keys apart', async () => {
    const other = await startFakeSendgrid({ apiKey: 'SG.other-key' });
    try {
      const a = createSendgridDriver({ apiKey: API_KEY, apiBase: fake.baseUrl });
      const b = createSendgridDriver({ apiKey: 'SG.other-key', apiBase: other.baseUrl });
      await Promise.all([a.send(email()), b.send(email())]);
      expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
      expect(other.requests[0]?.headers.authorization).toBe('Bearer SG.other-key');
    } finally {
      await other.close();
    }
  });

  it('maps 429 to a transient error carrying Retry-After', async () => {
    fake.respondWith([
      {
        status: 429,
        headers: { 'retry-after': '7' },
        body: { errors: [{ message: 'too many requests', field: null, help: null }] },
      },
    ]);
    const driver = createSendgridDriver({ apiKey: API_KEY, apiBase: fake.baseUrl });
    const error = await rejection(driver.send(email()));
    expect(error).toMatchObject({ provider: 'sendgrid', kind: 'transient', status: 429, retryAfterMs: 7000 });
    expect(error.response).toBe('too many requests');
  });

  it('reads X-RateLimit-Reset against the injected clock when a 429 has no Retry-After', async () => {
    fake.respondWith([{ status: 429, headers: { 'x-ratelimit-reset': '1700000030' } }]);
    const driver = createSendgridDriver({
      apiKey: API_KEY,
      apiBase: fake.baseUrl,
      clock: () => 1_700_000_000_000,
    });
    const error = await rejection(driver.send(email()));
    expect(error).toMatchObject({ kind: 'transient', status: 429, retryAfterMs: 30_000 });
  });

  it('maps 500 to a transient error', async () => {
    fake.respondWith([
      { status: 500, body: { errors: [{ message: 'internal error', field: null, help: null }] } },
    ]);
    const driver = createSendgridDriver({ apiKey: API_KEY, apiBase: fake.baseUrl });
    const error = await rejection(driver.send(email()));
    expect(error).toMatchObject({ kind: 'transient', status: 500, response: 'internal error' });
  });

  it("maps 400 to a permanent error with SendGrid's messages", async () => {
    fake.respondWith([
      {
        status: 400,
        body: {
          errors: [
            {
              message: 'Does not contain a valid address.',
              field: 'personalizations.0.to.0.email',
              help: null,
            },
          ],
        },
      },
    ]);
    const driver = createSendgridDriver({ apiKey: API_KEY, apiBase: fake.baseUrl });
    const error = await rejection(driver.send(email()));
    expect(error).toMatchObject({
      kind: 'permanent',
      status: 400,
      response: 'Does not contain a valid address.',
    });
    expect(error.message).toContain('Does not contain a valid address.');
  });

  it('maps a wrong key (401 from the fake) to a permanent error', async () => {
    const driver = createSendgridDriver({ apiKey: 'SG.wrong', apiBase: fake.baseUrl });
    const error = await rejection(driver.send(email()));
    expect(error).toMatchObject({
      kind: 'permanent',
      status: 401,
      response: 'The provided authorization grant is invalid, expired, or revoked',
    });
  });

  it('gives up on a server that never answers within timeoutMs, as a transient error', async () => {
    fake.respondWith([{ hang: true }]);
    const driver = createSendgridDriver({ apiKey: API_KEY, apiBase: fake.baseUrl, timeoutMs: 300 });
    const started = performance.now();
    const error = await rejection(driver.send(email()));
    const elapsed = performance.now() - started;
    expect(error.kind).toBe('transient');
    expect(error.message).toContain('300 ms');
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2000);
  });

  it('holds the deadline against a server that sends headers then stalls the body', async () => {
    const slow = await new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
      const server = createServer((socket) => {
        socket.once('data', () => {
          // headers promise a body that never comes; bytes keep trickling so no idle timer fires
          socket.write('HTTP/1.1 202 Accepted\r\ncontent-length: 1000\r\n\r\n');
          const drip = setInterval(() => socket.write(' '), 50);
          socket.on('close', () => clearInterval(drip));
          socket.on('error', () => clearInterval(drip));
        });
      });
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        resolve({
          url: `http://127.0.0.1:${port}`,
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done());
            }),
        });
      });
    });
    try {
      const driver = createSendgridDriver({ apiKey: API_KEY, apiBase: slow.url, timeoutMs: 300 });
      const started = performance.now();
      const error = await rejection(driver.send(email()));
      expect(error.kind).toBe('transient');
      expect(performance.now() - started).toBeLessThan(2000);
    } finally {
      await slow.close();
    }
  });

  it('maps a refused connection to a transient error', async () => {
    const closed = await startFakeSendgrid();
    const baseUrl = closed.baseUrl;
    await closed.close();
    const driver = createSendgridDriver({ apiKey: API_KEY, apiBase: baseUrl, timeoutMs: 2000 });
    const error = await rejection(driver.send(email()));
    expect(error.kind).toBe('transient');
    expect(error.message).toContain('ECONNREFUSED');
  });
});
