/**
 * Sign-in throttling per account (roadmap §1.1, left here by the foundation): after `maxFailures` failed
 * sign-ins within `windowMs` the account is locked, and every sign-in to it answers 429 with a Retry-After
 * until the lock ends; each lockout in a row lasts twice as long as the one before (from `firstLockoutMs` up
 * to `maxLockoutMs`). Nothing waits: the refusal is immediate, the client is told when to come back.
 *
 * Kept in the store, so the count holds across every API instance and restarts (it is a security control,
 * unlike the in-memory rate limits). Unknown addresses are counted and locked exactly like accounts, so the
 * answers (and their timing) do not tell which addresses have an account. A correct password does not open a
 * locked account before its time; a successful sign-in forgets the account's failures and lockouts.
 */
import type { Clock, DocumentStore } from '@bytelyst/db/document-store';
import { isStoreError } from '@bytelyst/db/document-store';
import { sha256 } from '../../lib/crypto';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../lib/time';
import { AUTH_CONTAINERS } from './containers';

export type LoginThrottleConfig = {
  maxFailures: number;
  windowMs: number;
  firstLockoutMs: number;
  maxLockoutMs: number;
};

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleConfig = {
  maxFailures: 5,
  windowMs: 15 * MINUTE_MS,
  firstLockoutMs: MINUTE_MS,
  maxLockoutMs: HOUR_MS,
};

type ThrottleDoc = {
  id: string;
  productId: string;
  /** Epoch ms of the failures since the last lockout, within the window. */
  failures: number[];
  /** Lockouts in a row (since the last successful sign-in, forgotten with the document). */
  lockouts: number;
  lockedUntil: number;
};

/** The lockout's length after `lockouts` lockouts in a row. */
export const lockoutMs = (config: LoginThrottleConfig, lockouts: number): number =>
  Math.min(config.maxLockoutMs, config.firstLockoutMs * 2 ** Math.max(0, lockouts - 1));

export const createLoginThrottle = (deps: {
  store: DocumentStore;
  clock: Clock;
  config?: Partial<LoginThrottleConfig>;
}) => {
  const config = { ...DEFAULT_LOGIN_THROTTLE, ...deps.config };
  const docs = () => deps.store.container<ThrottleDoc>(AUTH_CONTAINERS.loginThrottles.name);
  const idOf = (productId: string, email: string) =>
    sha256(`login\n${productId}\n${email.trim().toLowerCase()}`);
  const ttl = Math.ceil(DAY_MS / 1000);

  const afterFailure = (doc: ThrottleDoc, now: number): ThrottleDoc => {
    const failures = [...doc.failures.filter((at) => at > now - config.windowMs), now];
    if (failures.length < config.maxFailures) return { ...doc, failures };
    const lockouts = doc.lockouts + 1;
    return { ...doc, failures: [], lockouts, lockedUntil: now + lockoutMs(config, lockouts) };
  };

  return {
    config,
    /** Ms the account is still locked for (0: not locked), and whether it has failures or lockouts on record. */
    async check(productId: string, email: string): Promise<{ lockedMs: number; onRecord: boolean }> {
      const doc = await docs().read(idOf(productId, email), productId);
      return { lockedMs: doc ? Math.max(0, doc.lockedUntil - deps.clock()) : 0, onRecord: doc !== undefined };
    },

    /** Counts a failed sign-in; resolves to the lock it caused in ms (0 when it did not lock the account). */
    async failed(productId: string, email: string): Promise<number> {
      const id = idOf(productId, email);
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const now = deps.clock();
        const mutated = await docs().mutate(id, productId, (current) => afterFailure(current, now), { ttl });
        const doc =
          mutated?.doc ??
          (await docs()
            .create(afterFailure({ id, productId, failures: [], lockouts: 0, lockedUntil: 0 }, now), { ttl })
            .catch((error: unknown) => {
              if (isStoreError(error, 'conflict')) return undefined;
              throw error;
            }));
        if (doc) return doc.lockedUntil > now ? doc.lockedUntil - now : 0;
      }
      throw new Error('login throttle stayed contended');
    },

    /** A successful sign-in forgets the account's failures and lockouts. */
    async succeeded(productId: string, email: string): Promise<void> {
      await docs().delete(idOf(productId, email), productId);
    },
  };
};

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
