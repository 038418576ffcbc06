import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useState,
  useSyncExternalStore,
} from 'react';
import type { PlatformClient, SignInInput } from '../client';
import { fromTrpcError, type PlatformError } from '../errors';
import type { PlatformUser, SessionState } from '../session';

const PlatformContext = createContext<PlatformClient | null>(null);

/**
 * Makes `client` available to the hooks below and checks its stored session once (state leaves `loading`).
 */
export const PlatformProvider = ({ client, children }: { client: PlatformClient; children?: ReactNode }) => {
  useEffect(() => {
    if (client.getState().status === 'loading') void client.restore();
  }, [client]);
  return <PlatformContext.Provider value={client}>{children}</PlatformContext.Provider>;
};

/**
 * The PlatformClient of the nearest PlatformProvider, for calls:
 * `usePlatform().trpc.feedback.create.mutate(...)`.
 */
export const usePlatform = (): PlatformClient => {
  const client = useContext(PlatformContext);
  if (!client) throw new Error('usePlatform and the session hooks need a <PlatformProvider> above them');
  return client;
};

/** `{ status: 'loading' | 'signed_in' | 'signed_out', user, error }`, re-rendering on every change. */
export const useSession = (): SessionState => {
  const client = usePlatform();
  return useSyncExternalStore(client.subscribe, client.getState, client.getState);
};

type Action<TArgs extends unknown[], TResult> = {
  pending: boolean;
  /**
   * The last failure, typed: `error.kind`, `error.fields`, `error.reason` (`email_not_verified`,
   * `login_locked`).
   */
  error: PlatformError | null;
  run: (...args: TArgs) => Promise<TResult>;
};

const useAction = <TArgs extends unknown[], TResult>(
  fn: (...args: TArgs) => Promise<TResult>,
): Action<TArgs, TResult> => {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<PlatformError | null>(null);
  const run = useCallback(
    async (...args: TArgs) => {
      setPending(true);
      setError(null);
      try {
        return await fn(...args);
      } catch (caught) {
        const failure = fromTrpcError(caught);
        setError(failure);
        throw failure;
      } finally {
        setPending(false);
      }
    },
    [fn],
  );
  return { pending, error, run };
};

/**
 * `signIn({ email, password })` resolves with the user (the session then shows it) or rejects with a
 * PlatformError, also kept in `error` for rendering.
 */
export const useSignIn = () => {
  const client = usePlatform();
  const signIn = useCallback((input: SignInInput): Promise<PlatformUser> => client.signIn(input), [client]);
  const { run, pending, error } = useAction(signIn);
  return { signIn: run, pending, error };
};

/** `signOut()` revokes the session on the platform (auth.logout) and clears it here, even when offline. */
export const useSignOut = () => {
  const client = usePlatform();
  const signOut = useCallback(() => client.signOut(), [client]);
  const { run, pending, error } = useAction(signOut);
  return { signOut: run, pending, error };
};
