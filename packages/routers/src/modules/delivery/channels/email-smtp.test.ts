import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:net';
import { SMTPServer, type SMTPServerError } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { rejectionOf } from '../../../testing/rejection';
import { type EmailDriver, EmailProviderError, type OutgoingEmail } from './email';
import { createSmtpDriver } from './email-smtp';

type Received = { from: string; to: string[]; user: string | undefined; raw: string };

/** A real SMTP server on 127.0.0.1, plain text (no TLS), that keeps what it receives. */
const startSmtpSink = async (opts: { auth?: { user: string; pass: string }; rcptReply?: number } = {}) => {
  const received: Received[] = [];
  let connections = 0;
  const server = new SMTPServer({
    secure: false,
    hideSTARTTLS: true,
    authOptional: opts.auth === undefined,
    allowInsecureAuth: true,
    logger: false,
    onConnect: (_session, callback) => {
      connections += 1;
      callback();
    },
    onAuth: (auth, _session, callback) => {
      if (auth.username === opts.auth?.user && auth.password === opts.auth?.pass) {
        callback(null, { user: auth.username });
        return;
      }
      callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo: (_address, _session, callback) => {
      if (opts.rcptReply === undefined) {
        callback();
        return;
      }
      const error: SMTPServerError = Object.assign(new Error(`Recipient refused (${opts.rcptReply})`), {
        responseCode: opts.rcptReply,
      });
      callback(error);
    },
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        received.push({
          from: from ? from.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === 'string' ? session.user : undefined,
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    received,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

const email = (overrides: Partial<OutgoingEmail> = {}): OutgoingEmail => ({
  deliveryId: 'dlv_123',
  productId: 'prod_abc',
  from: { email: 'noreply@bytelyst.test', name: 'ByteLyst' },
  replyTo: { email: 'support@bytelyst.test' },
  to: { email: 'ada@example.test', name: 'Ada' },
  subject: 'Welcome, Ada',
  html: '<p>Hello <b>Ada</b></p>',
  text: 'Hello Ada',
  headers: {
    'List-Unsubscribe': '<https://bytelyst.test/u/tok>',
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  },
  categories: ['welcome'],
  customArgs: { deliveryId: 'dlv_123', productId: 'prod_abc' },
  ...overrides,
});

const rejection = (promise: Promise<unknown>) => rejectionOf(promise, EmailProviderError);

/** The raw message with folded header lines unfolded. */
const unfold = (raw: string) => raw.replace(/\r\n[ \t]+/g, ' ');

describe('smtp driver', () => {
  const cleanups: Array<() => Promise<void>> = [];
  const track = (driver: EmailDriver) => {
    cleanups.push(async () => driver.close?.());
    return driver;
  };
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('delivers the message with envelope, headers and both parts, authenticated', async () => {
    const sink = await startSmtpSink({ auth: { user: 'mailer', pass: 's3cret' } });
    cleanups.push(sink.close);
    const driver = track(createSmtpDriver({ url: `smtp://mailer:s3cret@127.0.0.1:${sink.port}` }));

    const sent = await driver.send(email());

    expect(sent.provider).toBe('smtp');
    expect(sent.providerMessageId).toMatch(/^<.+@.+>$/);
    expect(sent.response).toMatch(/^250 /);
    expect(sink.received).toHaveLength(1);
    const [message] = sink.received;
    expect(message?.from).toBe('noreply@bytelyst.test');
    expect(message?.to).toEqual(['ada@example.test']);
    expect(message?.user).toBe('mailer');
    const raw = unfold(message?.raw ?? '');
    expect(raw).toContain('From: ByteLyst <noreply@bytelyst.test>\r\n');
    expect(raw).toContain('To: Ada <ada@example.test>\r\n');
    expect(raw).toContain('Reply-To: support@bytelyst.test\r\n');
    expect(raw).toContain('Subject: Welcome, Ada\r\n');
    expect(raw).toContain('List-Unsubscribe: <https://bytelyst.test/u/tok>\r\n');
    expect(raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n');
    // header names are case-insensitive; nodemailer writes this one as X-Delivery-ID
    expect(raw).toMatch(/\r\nX-Delivery-Id: dlv_123\r\n/i);
    expect(raw).toContain(`Message-ID: ${sent.providerMessageId}\r\n`);
    expect(raw).toMatch(/Content-Type: multipart\/alternative; boundary=/);
    const textAt = raw.indexOf('Content-Type: text/plain');
    const htmlAt = raw.indexOf('Content-Type: text/html');
    expect(textAt).toBeGreaterThan(0);
    expect(htmlAt).toBeGreaterThan(textAt);
    expect(raw.slice(textAt, htmlAt)).toContain('Hello Ada');
    expect(raw.slice(htmlAt)).toContain('<p>Hello <b>Ada</b></p>');
  });

  it('reuses the pooled connection for consecutive sends', async () => {
    const sink = await startSmtpSink();
    cleanups.push(sink.close);
    const driver = track(createSmtpDriver({ url: `smtp://127.0.0.1:${sink.port}` }));
    const a = await driver.send(email({ deliveryId: 'dlv_1' }));
    const b = await driver.send(email({ deliveryId: 'dlv_2' }));
    expect(a.providerMessageId).not.toBe(b.providerMessageId);
    expect(sink.connections()).toBe(1);
    expect(sink.received.map((m) => /X-Delivery-Id: (\S+)/i.exec(m.raw)?.[1])).toEqual(['dlv_1', 'dlv_2']);
  });

  it('maps a 550 recipient rejection to a permanent error', async () => {
    const sink = await startSmtpSink({ rcptReply: 550 });
    cleanups.push(sink.close);
    const driver = track(createSmtpDriver({ url: `smtp://127.0.0.1:${sink.port}` }));
    const error = await rejection(driver.send(email()));
    expect(error).toMatchObject({ provider: 'smtp', kind: 'permanent', status: 550 });
    expect(error.response).toContain('Recipient refused');
    expect(sink.received).toHaveLength(0);
  });

  it('maps a 451 recipient deferral to a transient error', async () => {
    const sink = await startSmtpSink({ rcptReply: 451 });
    cleanups.push(sink.close);
    const driver = track(createSmtpDriver({ url: `smtp://127.0.0.1:${sink.port}` }));
    const error = await rejection(driver.send(email()));
    expect(error).toMatchObject({ provider: 'smtp', kind: 'transient', status: 451 });
  });

  it('maps bad credentials (535) to a permanent error', async () => {
    const sink = await startSmtpSink({ auth: { user: 'mailer', pass: 's3cret' } });
    cleanups.push(sink.close);
    const driver = track(createSmtpDriver({ url: `smtp://mailer:wrong@127.0.0.1:${sink.port}` }));
    const error = await rejection(driver.send(email()));
    expect(error).toMatchObject({ kind: 'permanent', status: 535 });
  });

  it('maps a refused connection to a transient error', async () => {
    const sink = await startSmtpSink();
    const port = sink.port;
    await sink.close();
    const driver = track(createSmtpDriver({ url: `smtp://127.0.0.1:${port}`, timeoutMs: 2000 }));
    const error = await rejection(driver.send(email()));
    expect(error.kind).toBe('transient');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('gives up on a server that accepts the connection but never greets, within timeoutMs', async () => {
    const silent: Server = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          silent.close(() => resolve());
        }),
    );
    const { port } = silent.address() as AddressInfo;
    const driver = track(createSmtpDriver({ url: `smtp://127.0.0.1:${port}`, timeoutMs: 300 }));
    const started = performance.now();
    const error = await rejection(driver.send(email()));
    expect(error.kind).toBe('transient');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses a URL that is not smtp:// or smtps://', () => {
    expect(() => createSmtpDriver({ url: 'http://127.0.0.1:25' })).toThrow(/smtp:\/\/ or smtps:\/\//);
    expect(() => createSmtpDriver({ url: 'not a url' })).toThrow(/not a URL/);
  });
});
