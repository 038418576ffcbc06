import type { AppRouter } from '@bytelyst/routers/root';
import type { inferRouterOutputs } from '@trpc/server';
import { fromRestResponse, networkError, type PlatformError } from './errors';
import type { TokenSet, TokenStorage } from './storage';

type Outputs = inferRouterOutputs<AppRouter>;
/** What auth.login, auth.register and auth.refresh answer. */
export type AuthResult = Outputs['auth']['login'];
export type PlatformUser = AuthResult['user'];

export type SessionStatus = 'loading' | 'signed_in' | 'signed_out';
/**
 * `loading` until the stored session has been checked (restore), then `signed_in` (with its user) or
 * `signed_out`. `error` is set when the check could not reach the platform; the tokens are kept.
 */
export type SessionState = { status: SessionStatus; user: PlatformUser | null; error: PlatformError | null };

/**
 * `signed_out`: the user asked. `session_ended`: the platform refused the refresh (revoked, expired, reused).
 */
export type SignedOutEvent = { reason: 'signed_out' | 'session_ended'; error?: PlatformError };

export type SessionDeps = {
  baseUrl: string;
  productId: string;
  storage: TokenStorage;
  fetch: typeof fetch;
  now: () => number;
  /** Refresh ahead of expiry when the access token has less than this left. */
  refreshLeewayMs: number;
  onSignedOut?: (event: SignedOutEvent) => void;
};

/**
 * The session's tokens and state, and the one refresh in flight. Every caller that finds the access token
 * stale (near expiry, or answered 401) asks `refresh` with the token it used: a caller whose token was
 * already replaced gets the new one, and callers that arrive while a refresh runs share its promise. So any
 * number of concurrent calls rotate the refresh token once, and the platform never sees a rotated token
 * again (which it would treat as theft and answer by revoking the session).
 */
export const createSession = (deps: SessionDeps) => {
  const { storage, now } = deps;
  /** undefined: not read from storage yet. */
  let tokens: TokenSet | null | undefined;
  let state: SessionState = { status: 'loading', user: null, error: null };
  let inflight: Promise<TokenSet | null> | null = null;
  const listeners = new Set<() => void>();

  const setState = (next: Partial<SessionState>) => {
    state = { ...state, ...next };
    for (const listener of listeners) listener();
  };

  const load = async (): Promise<TokenSet | null> => {
    if (tokens === undefined) tokens = await storage.get();
    return tokens;
  };

  const accept = async (result: AuthResult): Promise<TokenSet> => {
    const next = {
      accessToken: result.accessToken,
      refreshToken: result.refreshToken,
      expiresAt: now() + result.expiresIn * 1000,
    };
    tokens = next;
    await storage.set(next);
    setState({ status: 'signed_in', user: result.user, error: null });
    return next;
  };

  /** Forgets the session; `onSignedOut` fires once, when there was one to end. */
  const end = async (event: SignedOutEvent): Promise<void> => {
    const had = (await load()) !== null || state.status === 'signed_in';
    tokens = null;
    await storage.clear();
    setState({ status: 'signed_out', user: null, error: null });
    if (had) deps.onSignedOut?.(event);
  };

  const stale = (t: TokenSet) => t.expiresAt - now() <= deps.refreshLeewayMs;

  const runRefresh = async (): Promise<TokenSet | null> => {
    const held = await load();
    if (!held) return null;
    // Another tab sharing the storage may have rotated the token already: its stored token is the live one.
    const stored = await storage.get();
    if (stored && stored.refreshToken !== held.refreshToken && !stale(stored)) {
      tokens = stored;
      return stored;
    }
    let res: Response;
    try {
      // Never retried: if the platform rotated the token but the answer was lost, sending the old one again
      // would count as reuse and revoke the session. The next call refreshes again instead.
      res = await deps.fetch(`${deps.baseUrl}/v1/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-product-id': deps.productId },
        body: JSON.stringify({ refreshToken: held.refreshToken }),
      });
    } catch (error) {
      throw networkError(error);
    }
    const body: unknown = await res.json().catch(() => null);
    if (res.ok) return accept(body as AuthResult);
    const error = fromRestResponse(res.status, body, res.headers);
    // Refused for good (revoked, expired, reused, user disabled, email unverified): the session is over.
    // A 429 or 5xx is passing: the tokens stay and the caller sees the error.
    if (error.kind === 'unauthorized' || error.kind === 'forbidden' || error.kind === 'validation') {
      await end({ reason: 'session_ended', error });
      return null;
    }
    throw error;
  };

  /** New tokens for a caller that used `usedAccessToken`; null when the session has ended. */
  const refresh = async (usedAccessToken?: string): Promise<TokenSet | null> => {
    const held = await load();
    if (!held) return null;
    if (usedAccessToken !== undefined && held.accessToken !== usedAccessToken) return held;
    if (!inflight) {
      inflight = runRefresh().finally(() => {
        inflight = null;
      });
    }
    return inflight;
  };

  return {
    getState: (): SessionState => state,
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** The access token to send, refreshed first when it is near expiry; undefined when signed out. */
    async accessToken(): Promise<string | undefined> {
      const held = await load();
      if (!held) return undefined;
      if (!stale(held)) return held.accessToken;
      return (await refresh(held.accessToken))?.accessToken;
    },
    refresh,
    accept,
    end,
    load,
    setUser: (user: PlatformUser) => setState({ status: 'signed_in', user, error: null }),
    setError: (error: PlatformError) => setState({ error }),
    markSignedOut: () => setState({ status: 'signed_out', user: null, error: null }),
  };
};

export type Session = ReturnType<typeof createSession>;
