import type { AppRouter } from '@bytelyst/routers/root';
import { createTRPCClient, httpLink, type TRPCClient, type TRPCLink } from '@trpc/client';
import type { inferRouterInputs } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import { fromRestResponse, fromTrpcError, isPlatformError } from './errors';
import { createRest, type RestClient } from './rest';
import {
  type AuthResult,
  createSession,
  type PlatformUser,
  type SessionState,
  type SignedOutEvent,
} from './session';
import { memoryStorage, type TokenStorage } from './storage';
import { createTransport, DEFAULT_RETRY, type RetryOptions } from './transport';

export type SignInInput = inferRouterInputs<AppRouter>['auth']['login'];

export type PlatformClientOptions = {
  /** The API's origin, e.g. `https://api.example.com` (tRPC at `/trpc`, REST at `/v1`). */
  baseUrl: string;
  /** Sent as `x-product-id` on every request. */
  productId: string;
  /** Where the tokens live; default memoryStorage(). */
  storage?: TokenStorage;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
  /** Called once when a session ends: the user signed out, or the platform refused the refresh. */
  onSignedOut?: (event: SignedOutEvent) => void;
  /** Refresh when the access token has less than this left (default 30 s). */
  refreshLeewaySeconds?: number;
  retry?: Partial<RetryOptions>;
  /** The client's clock (epoch ms); default Date.now. */
  now?: () => number;
};

export type PlatformClient = {
  /** The typed tRPC client for the whole AppRouter; failures are PlatformErrors. */
  trpc: TRPCClient<AppRouter>;
  /** Plain REST calls under `/v1`, with the same auth, retries and errors. */
  rest: RestClient;
  /** Email and password (auth.login); stores the tokens and returns the user. Failures are PlatformErrors. */
  signIn(input: SignInInput): Promise<PlatformUser>;
  /** Revokes the session on the platform (best effort) and forgets it here. */
  signOut(): Promise<void>;
  /**
   * Reads the stored session and asks the platform who it belongs to: the state leaves `loading`. Call once
   * at start (PlatformProvider does); later calls share the first answer, unless that one could not reach
   * the platform.
   */
  restore(): Promise<SessionState>;
  /** Takes tokens obtained elsewhere (registration, SSO callback) as the session. */
  acceptAuthResult(result: AuthResult): Promise<void>;
  /** The current access token, refreshed when near expiry (for a download link or a websocket). */
  getAccessToken(): Promise<string | undefined>;
  getState(): SessionState;
  subscribe(listener: () => void): () => void;
};

/**
 * Every failure leaves the tRPC client as a PlatformError (a TRPCClientError subclass, so tRPC tooling keeps
 * working).
 */
const platformErrors: TRPCLink<AppRouter> =
  () =>
  ({ op, next }) =>
    observable((observer) => {
      const subscription = next(op).subscribe({
        next: (value) => observer.next(value),
        error: (error) => observer.error(fromTrpcError(error)),
        complete: () => observer.complete(),
      });
      return () => subscription.unsubscribe();
    });

export const createPlatformClient = (options: PlatformClientOptions): PlatformClient => {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const session = createSession({
    baseUrl,
    productId: options.productId,
    storage: options.storage ?? memoryStorage(),
    fetch: fetchImpl,
    now: options.now ?? Date.now,
    refreshLeewayMs: (options.refreshLeewaySeconds ?? 30) * 1000,
    ...(options.onSignedOut ? { onSignedOut: options.onSignedOut } : {}),
  });
  const transport = createTransport({
    productId: options.productId,
    fetch: fetchImpl,
    session,
    retry: { ...DEFAULT_RETRY, ...options.retry },
  });
  const trpc = createTRPCClient<AppRouter>({
    links: [
      platformErrors,
      httpLink({
        url: `${baseUrl}/trpc`,
        fetch: (url, init) => transport.send(String(url), (init ?? {}) as RequestInit),
      }),
    ],
  });

  let restoring: Promise<SessionState> | undefined;
  /** The stored session's user, or signed out; the tokens stay when the platform cannot be reached. */
  const restoreSession = async (): Promise<SessionState> => {
    if (!(await session.load())) {
      session.markSignedOut();
      return session.getState();
    }
    try {
      session.setUser(await trpc.auth.getMine.query());
    } catch (error) {
      const failure = fromTrpcError(error);
      // A refused refresh has already ended the session; a 401 without one means the token is unusable.
      if (failure.kind === 'unauthorized') await session.end({ reason: 'session_ended', error: failure });
      else session.setError(failure);
    }
    return session.getState();
  };

  return {
    trpc,
    rest: createRest(baseUrl, transport),
    async signIn(input) {
      const res = await transport.send(
        `${baseUrl}/v1/auth/login`,
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) },
        { auth: false },
      );
      const body: unknown = await res.json().catch(() => null);
      if (!res.ok) throw fromRestResponse(res.status, body, res.headers);
      const result = body as AuthResult;
      await session.accept(result);
      return result.user;
    },
    async signOut() {
      if (await session.load()) {
        try {
          await trpc.auth.logout.mutate();
        } catch (error) {
          // An ended session or an unreachable platform still signs out here; the rest is a bug to surface.
          if (!isPlatformError(error)) throw error;
        }
      }
      await session.end({ reason: 'signed_out' });
    },
    restore() {
      // Once per client: React's StrictMode mounts the provider twice, and both mounts ask.
      restoring ??= restoreSession().then((state) => {
        // Could not reach the platform: a later call may try again.
        if (state.error) restoring = undefined;
        return state;
      });
      return restoring;
    },
    acceptAuthResult: async (result) => {
      await session.accept(result);
    },
    getAccessToken: () => session.accessToken(),
    getState: session.getState,
    subscribe: session.subscribe,
  };
};
