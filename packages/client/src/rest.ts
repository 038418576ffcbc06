import { fromRestResponse } from './errors';
import type { Transport } from './transport';

type Query = Record<string, string | number | boolean | undefined>;
export type RestOptions = { query?: Query; signal?: AbortSignal; headers?: Record<string, string> };

const searchOf = (query: Query | undefined) => {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
};

/**
 * The REST face (`/v1`) for what has no tRPC procedure (module routes, downloads) or for callers that prefer
 * paths. Answers are parsed JSON typed by the caller; failures are PlatformErrors. GET is retried on network
 * errors, the other methods never.
 */
export const createRest = (baseUrl: string, transport: Transport) => {
  const request = async <T>(method: string, path: string, body: unknown, opts: RestOptions = {}) => {
    const hasBody = body !== undefined;
    const res = await transport.send(`${baseUrl}/v1${path}${searchOf(opts.query)}`, {
      method,
      headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...opts.headers },
      ...(hasBody ? { body: JSON.stringify(body) } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    if (!res.ok) throw fromRestResponse(res.status, parsed, res.headers);
    return parsed as T;
  };
  return {
    get: <T>(path: string, opts?: RestOptions) => request<T>('GET', path, undefined, opts),
    post: <T>(path: string, body?: unknown, opts?: RestOptions) => request<T>('POST', path, body, opts),
    put: <T>(path: string, body?: unknown, opts?: RestOptions) => request<T>('PUT', path, body, opts),
    patch: <T>(path: string, body?: unknown, opts?: RestOptions) => request<T>('PATCH', path, body, opts),
    delete: <T>(path: string, opts?: RestOptions) => request<T>('DELETE', path, undefined, opts),
  };
};

export type RestClient = ReturnType<typeof createRest>;
