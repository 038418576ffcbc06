import { createTransport } from 'nodemailer';
import { type EmailAddress, type EmailDriver, EmailProviderError, type OutgoingEmail } from './email';

export type SmtpDriverOptions = {
  /** SMTP_URL: smtp://user:pass@host:port (STARTTLS when offered) or smtps://user:pass@host:port (TLS) */
  url: string;
  /** connect, greeting and socket-idle timeout (default 15 s) */
  timeoutMs?: number;
};

const DEFAULT_TIMEOUT_MS = 15_000;

/** Throws a plain Error naming what is wrong; the config layer adds the env var's name. */
export const parseSmtpUrl = (url: string): URL => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('is not a URL (expected smtp://user:pass@host:port or smtps://...)');
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
    throw new Error(`must start with smtp:// or smtps://, not ${parsed.protocol}//`);
  }
  if (parsed.hostname === '') throw new Error('has no host');
  return parsed;
};

const address = (a: EmailAddress) => (a.name ? { name: a.name, address: a.email } : a.email);

/** Codes nodemailer gives failures that happened before the server judged the message. */
const TRANSIENT_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPROTOCOL',
  'ESTREAM',
]);

type NodemailerFailure = { code?: unknown; responseCode?: unknown; response?: unknown; message?: unknown };

const toProviderError = (error: unknown): EmailProviderError => {
  const e = (typeof error === 'object' && error !== null ? error : {}) as NodemailerFailure;
  const message = typeof e.message === 'string' ? e.message : String(error);
  const response = typeof e.response === 'string' ? e.response : undefined;
  const details = {
    cause: error,
    ...(response === undefined ? {} : { response }),
  };
  if (typeof e.responseCode === 'number') {
    // 4xx replies (421, 450, 451, 452) say "try later"; 5xx replies refuse this message or these credentials.
    const kind = e.responseCode >= 500 ? 'permanent' : 'transient';
    return new EmailProviderError('smtp', kind, `SMTP server answered ${message}`, {
      ...details,
      status: e.responseCode,
    });
  }
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code !== undefined && TRANSIENT_CODES.has(code)) {
    return new EmailProviderError(
      'smtp',
      'transient',
      `SMTP server unreachable (${code}): ${message}`,
      details,
    );
  }
  // EENVELOPE, EMESSAGE, EAUTH, ETLS... without a server reply: the message or the config is wrong.
  return new EmailProviderError(
    'smtp',
    'permanent',
    `SMTP send failed (${code ?? 'error'}): ${message}`,
    details,
  );
};

/** Sends over SMTP through a small pooled nodemailer transport. */
export const createSmtpDriver = (opts: SmtpDriverOptions): EmailDriver => {
  parseSmtpUrl(opts.url);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const transport = createTransport({
    url: opts.url,
    pool: true,
    maxConnections: 3,
    // one send is one attempt: the delivery module owns retries, so a dropped connection is not re-sent here
    maxRequeues: 0,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
  });

  return {
    name: 'smtp',
    send: async (email: OutgoingEmail) => {
      try {
        const info = await transport.sendMail({
          from: address(email.from),
          to: address(email.to),
          ...(email.replyTo ? { replyTo: address(email.replyTo) } : {}),
          subject: email.subject,
          text: email.text,
          html: email.html,
          headers: { ...email.headers, 'X-Delivery-Id': email.deliveryId },
        });
        return {
          provider: 'smtp',
          providerMessageId: typeof info.messageId === 'string' ? info.messageId : null,
          ...(typeof info.response === 'string' ? { response: info.response } : {}),
        };
      } catch (error) {
        throw toProviderError(error);
      }
    },
    close: async () => {
      transport.close();
    },
  };
};
