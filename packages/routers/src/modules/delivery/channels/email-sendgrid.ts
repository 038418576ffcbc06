import { Client } from '@sendgrid/client';
import type { ClientRequest } from '@sendgrid/client/src/request';
import { type MailDataRequired, MailService } from '@sendgrid/mail';
import { type EmailDriver, EmailProviderError, type EmailSent, type OutgoingEmail } from './email';

export type SendgridDriverOptions = {
  apiKey: string;
  /** SENDGRID_API_BASE: replaces https://api.sendgrid.com so tests and staging can use a loopback server */
  apiBase?: string;
  /** a deadline for the whole request, connect to last byte (default 10 s) */
  timeoutMs?: number;
  /** SendGrid's sandbox mode: the API validates the message and sends nothing */
  sandbox?: boolean;
  /** reads "now" for a Retry-After date or X-RateLimit-Reset (default Date.now) */
  clock?: () => number;
};

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * @sendgrid/client on axios, with a whole-request deadline: axios' own `timeout` is a socket idle timer, so a
 * server that trickles bytes would never trip it; an AbortSignal per request does.
 *
 * MailService also passes the message's own headers (List-Unsubscribe, ...) as HTTP headers of the API call;
 * they belong in the JSON body only (where MailService puts them too), so they are dropped here: a message
 * header must never replace Content-Type or Authorization on the request.
 */
class DeadlineClient extends Client {
  constructor(private readonly timeoutMs: number) {
    super();
  }

  override createRequest(data: ClientRequest): ClientRequest {
    const options: ClientRequest & { signal: AbortSignal } = {
      ...super.createRequest({ ...data, headers: {} }),
      signal: AbortSignal.timeout(this.timeoutMs),
    };
    return options;
  }
}

const toMailData = (email: OutgoingEmail, sandbox: boolean): MailDataRequired => ({
  from: email.from,
  ...(email.replyTo ? { replyTo: email.replyTo } : {}),
  personalizations: [{ to: [email.to] }],
  subject: email.subject,
  // SendGrid requires text/plain before text/html.
  content: [
    { type: 'text/plain', value: email.text },
    { type: 'text/html', value: email.html },
  ],
  headers: email.headers,
  categories: email.categories,
  customArgs: { ...email.customArgs, deliveryId: email.deliveryId, productId: email.productId },
  ...(sandbox ? { mailSettings: { sandboxMode: { enable: true } } } : {}),
});

type SendgridErrorBody = { errors?: Array<{ message?: unknown; field?: unknown }> };

const errorMessages = (body: unknown): string | undefined => {
  if (typeof body === 'string') return body === '' ? undefined : body;
  const errors = (body as SendgridErrorBody | null)?.errors;
  if (!Array.isArray(errors)) return undefined;
  const messages = errors.map((e) => e.message).filter((m): m is string => typeof m === 'string');
  return messages.length > 0 ? messages.join('; ') : undefined;
};

const header = (headers: unknown, name: string): string | undefined => {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const value = (headers as Record<string, unknown>)[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
};

/** Retry-After (seconds or an HTTP date), else SendGrid's X-RateLimit-Reset (epoch seconds). */
const retryAfterMs = (headers: unknown, now: number): number | undefined => {
  const retryAfter = header(headers, 'retry-after');
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const at = Date.parse(retryAfter);
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  const reset = Number(header(headers, 'x-ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - now);
  return undefined;
};

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ECONNABORTED',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ERR_CANCELED',
  'ERR_NETWORK',
  'ERR_BAD_RESPONSE',
]);

type SendgridFailure = {
  code?: unknown;
  message?: unknown;
  isAxiosError?: unknown;
  response?: { status?: unknown; headers?: unknown; body?: unknown; data?: unknown };
};

const toProviderError = (error: unknown, timeoutMs: number, now: number): EmailProviderError => {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SendgridFailure;
  const status =
    typeof e.response?.status === 'number'
      ? e.response.status
      : typeof e.code === 'number'
        ? e.code
        : undefined;
  if (status !== undefined && e.response) {
    const response = errorMessages(e.response.body ?? e.response.data);
    const text = `SendGrid answered ${status}${response ? `: ${response}` : ''}`;
    const common = { status, cause: error, ...(response === undefined ? {} : { response }) };
    if (status === 429) {
      const after = retryAfterMs(e.response.headers, now);
      return new EmailProviderError('sendgrid', 'transient', text, {
        ...common,
        ...(after === undefined ? {} : { retryAfterMs: after }),
      });
    }
    if (status >= 500 || status === 408) return new EmailProviderError('sendgrid', 'transient', text, common);
    return new EmailProviderError('sendgrid', 'permanent', text, common);
  }
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code === 'ERR_CANCELED' || code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
    return new EmailProviderError('sendgrid', 'transient', `SendGrid did not answer within ${timeoutMs} ms`, {
      cause: error,
    });
  }
  const message = typeof e.message === 'string' ? e.message : String(error);
  if ((code && NETWORK_CODES.has(code)) || e.isAxiosError === true) {
    return new EmailProviderError(
      'sendgrid',
      'transient',
      `SendGrid unreachable (${code ?? 'network'}): ${message}`,
      {
        cause: error,
      },
    );
  }
  // Thrown before any request (the mail helper refusing the message): retrying cannot help.
  return new EmailProviderError('sendgrid', 'permanent', `SendGrid message refused locally: ${message}`, {
    cause: error,
  });
};

/** Sends through SendGrid's v3 Mail Send API with its own client, never the package's shared singletons. */
export const createSendgridDriver = (opts: SendgridDriverOptions): EmailDriver => {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const clock = opts.clock ?? Date.now;
  const client = new DeadlineClient(timeoutMs);
  // setApiKey resets baseUrl to the region's host, so the override comes after it.
  client.setApiKey(opts.apiKey);
  if (opts.apiBase) client.setDefaultRequest('baseUrl', opts.apiBase);
  const mail = new MailService();
  mail.setClient(client);
  const sandbox = opts.sandbox === true;

  return {
    name: 'sendgrid',
    send: async (email: OutgoingEmail): Promise<EmailSent> => {
      try {
        const [response] = await mail.send(toMailData(email, sandbox));
        return {
          provider: 'sendgrid',
          providerMessageId: header(response.headers, 'x-message-id') ?? null,
          response: `${response.statusCode}`,
        };
      } catch (error) {
        throw toProviderError(error, timeoutMs, clock());
      }
    },
  };
};
