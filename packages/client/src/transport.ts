import { networkError } from './errors';
import type { Session } from './session';

export type RetryOptions = {
  /** Retries after the first try (default 3). */
  retries: number;
  /** The first wait (default 200 ms); each next one doubles, up to `maxDelayMs`. */
  baseDelayMs: number;
  /** Default 3000 ms. */
  maxDelayMs: number;
};

export const DEFAULT_RETRY: RetryOptions = { retries: 3, baseDelayMs: 200, maxDelayMs: 3000 };

export type TransportDeps = {
  productId: string;
  fetch: typeof fetch;
  session: Session;
  retry: RetryOptions;
  random?: () => number;
};

/**
 * GET and HEAD only: tRPC sends queries as GET and mutations as POST, so this is "queries, never mutations".
 */
const isIdempotent = (init: RequestInit) => {
  const method = (init.method ?? 'GET').toUpperCase();
  return method === 'GET' || method === 'HEAD';
};

const isAbort = (error: unknown) => error instanceof Error && error.name === 'AbortError';

const wait = (ms: number, signal?: AbortSignal | null) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

const headersOf = (init: RequestInit, productId: string, accessToken: string | undefined) => {
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, key) => {
    headers[key] = value;
  });
  headers['x-product-id'] = productId;
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  else delete headers.authorization;
  return headers;
};

/**
 * The one way requests leave the client (both faces): the product header and bearer go on, a network failure
 * of an idempotent request is retried with bounded exponential backoff (with jitter, so clients that lost the
 * same server do not come back in step), and a 401 to a request that carried a bearer refreshes the session
 * once and resends. A 401 after that is the caller's to see; when the refresh was refused the session has
 * already ended.
 */
export const createTransport = (deps: TransportDeps) => {
  const random = deps.random ?? Math.random;
  const delayFor = (attempt: number) => {
    const cap = Math.min(deps.retry.maxDelayMs, deps.retry.baseDelayMs * 2 ** attempt);
    return cap / 2 + (random() * cap) / 2;
  };

  const attempt = async (url: string, init: RequestInit): Promise<Response> => {
    const retryable = isIdempotent(init);
    for (let tries = 0; ; tries += 1) {
      try {
        return await deps.fetch(url, init);
      } catch (error) {
        if (isAbort(error) || init.signal?.aborted) throw error;
        if (!retryable || tries >= deps.retry.retries) throw networkError(error);
        await wait(delayFor(tries), init.signal);
      }
    }
  };

  return {
    /** `auth: false` sends no bearer (sign-in, registration): a stale token must not decide their product. */
    async send(url: string, init: RequestInit = {}, opts: { auth?: boolean } = {}): Promise<Response> {
      const token = opts.auth === false ? undefined : await deps.session.accessToken();
      const res = await attempt(url, { ...init, headers: headersOf(init, deps.productId, token) });
      if (res.status !== 401 || !token) return res;
      const renewed = await deps.session.refresh(token);
      if (!renewed) return res;
      await res.body?.cancel().catch(() => undefined);
      return attempt(url, { ...init, headers: headersOf(init, deps.productId, renewed.accessToken) });
    },
  };
};

export type Transport = ReturnType<typeof createTransport>;
