import { RETRY_AFTER_CAP_MS, RETRY_DELAYS_MS } from './config';
import type { MessageTrigger } from './repository';
import type { TWebhookAttempt } from './schema';
import { signWebhook } from './signing';

/** The outbound HTTP step, behind the SSRF guard (module.ts builds it from lib/outbound.ts). */
export type WebhookTransport = {
  /** Resolves the URL's host and throws (OutboundRefused) if any address is not allowed. */
  check(url: string): Promise<void>;
  post(
    url: string,
    init: { headers: Record<string, string>; body: string },
  ): Promise<{ status: number; headers: Record<string, string>; body: string }>;
};

/** What one attempt needs of its endpoint: where, how it is signed, what else it sends. */
export type SendTarget = {
  url: string;
  headers: Record<string, string>;
  /** Opened secrets, the current one first (the previous one too while a rotation overlaps). */
  secrets: string[];
};

export type SendOutcome = {
  attempt: TWebhookAttempt;
  /** success; retry (after `retryAfterMs` if the receiver asked); fail (no retry helps); gone (410). */
  verdict: 'success' | 'retry' | 'gone';
  retryAfterMs: number | null;
};

export const USER_AGENT = 'ByteLyst-Webhooks/1.0 (+https://www.standardwebhooks.com)';

/** Retry-After as seconds or an HTTP date, in ms from `now`; null when absent or unreadable. */
export const retryAfterMs = (value: string | undefined, now: number): number | null => {
  if (!value) return null;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  if (!Number.isFinite(ms) || ms < 0) return null;
  return Math.min(ms, RETRY_AFTER_CAP_MS);
};

/**
 * The delay before retry number `retry` (1-based): 10 s, 60 s, 300 s as the roadmap says, then 30 min and
 * hourly, each with up to ±10 % jitter so that messages failed together do not come back together.
 */
export const retryDelayMs = (retry: number, random: () => number): number => {
  const base = RETRY_DELAYS_MS[Math.min(retry, RETRY_DELAYS_MS.length) - 1] ?? RETRY_DELAYS_MS[0];
  return Math.round(base * (0.9 + random() * 0.2));
};

const errorText = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`.slice(0, 500);
};

/** One signed POST of a message's body to its endpoint, classified. Never throws. */
export const sendOnce = async (
  transport: WebhookTransport,
  target: SendTarget,
  message: { messageId: string; body: string },
  opts: { now: () => number; trigger: MessageTrigger },
): Promise<SendOutcome> => {
  const startedAt = opts.now();
  const signed = signWebhook({
    id: message.messageId,
    timestamp: new Date(startedAt),
    body: message.body,
    secrets: target.secrets,
  });
  const headers: Record<string, string> = {
    ...target.headers,
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    ...signed,
  };
  // The log shows what was sent; custom header values may be credentials, so only their names.
  const shown: Record<string, string> = { ...headers };
  for (const name of Object.keys(target.headers)) shown[name] = '(set)';
  const attempt = (
    fields: Pick<TWebhookAttempt, 'succeeded' | 'responseCode' | 'responseBody' | 'error'>,
  ): TWebhookAttempt => ({
    at: new Date(startedAt).toISOString(),
    trigger: opts.trigger,
    durationMs: Math.max(0, Math.round(opts.now() - startedAt)),
    requestHeaders: shown,
    ...fields,
  });
  try {
    const res = await transport.post(target.url, { headers, body: message.body });
    const ok = res.status >= 200 && res.status < 300;
    const redirect = res.status >= 300 && res.status < 400;
    const error = ok
      ? null
      : redirect
        ? `redirect to ${res.headers.location ?? '(no location)'} not followed: answer with 2xx at the registered URL`
        : `HTTP ${res.status}`;
    const verdict = ok ? 'success' : res.status === 410 ? 'gone' : 'retry';
    const asked =
      res.status === 429 || res.status === 503 ? retryAfterMs(res.headers['retry-after'], opts.now()) : null;
    return {
      attempt: attempt({ succeeded: ok, responseCode: res.status, responseBody: res.body, error }),
      verdict,
      retryAfterMs: asked,
    };
  } catch (error) {
    return {
      attempt: attempt({ succeeded: false, responseCode: null, responseBody: '', error: errorText(error) }),
      verdict: 'retry',
      retryAfterMs: null,
    };
  }
};
