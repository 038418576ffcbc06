import { type ApiResult, type AuthTokens, apiRefresh } from './trpc-http';

/**
 * Refresh tokens rotate and the API revokes a session when a rotated token is reused, so concurrent
 * requests that carry the same (old) refresh token must share one refresh call. The result is kept
 * briefly for requests that arrive just after the rotation with the old cookie still attached.
 */
const REUSE_WINDOW_MS = 30_000;
const inFlight = new Map<string, { promise: Promise<ApiResult<AuthTokens>>; startedAt: number }>();

export function refreshOnce(
  refreshToken: string,
  headers: Record<string, string>,
  now: number = Date.now(),
): Promise<ApiResult<AuthTokens>> {
  for (const [token, entry] of inFlight) {
    if (now - entry.startedAt > REUSE_WINDOW_MS) inFlight.delete(token);
  }
  const existing = inFlight.get(refreshToken);
  if (existing) return existing.promise;
  const promise = apiRefresh({ refreshToken }, headers);
  inFlight.set(refreshToken, { promise, startedAt: now });
  return promise;
}
