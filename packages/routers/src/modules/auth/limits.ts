import { setImmediate as afterIo } from 'node:timers/promises';
import type { RateCounters, RateWindow } from '@bytelyst/db/rate-counters';
import { sha256 } from '../../lib/crypto';
import { HOUR_MS } from '../../lib/time';

/**
 * Limits on the mails anyone can make the platform send (reset links, verification links). A request over a
 * limit gets the same answer as any other: the limit is not something an attacker can observe.
 */
export const RECOVERY_LIMITS = {
  /** Per address and product (roadmap §2.5: 3 reset requests per email per hour). */
  perEmail: { limit: 3, windowMs: HOUR_MS },
  /** Per client address, across addresses: one source cannot spray the whole user list. */
  perIp: { limit: 20, windowMs: HOUR_MS },
  /** Per signed-in user asking for a new verification link. */
  perUser: { limit: 3, windowMs: HOUR_MS },
} as const satisfies Record<string, RateWindow>;

/** The counter key of an address: hashed, so the counters hold no address in clear. */
export const emailKey = (productId: string, email: string) => sha256(`${productId}\n${email}`);

/** Counts one hit on each key in turn; false at the first one past its limit (the later ones are not counted). */
export const withinLimits = async (
  counters: RateCounters,
  hits: readonly { key: string; window: RateWindow }[],
): Promise<boolean> => {
  for (const { key, window } of hits) {
    if (!(await counters.hit(key, window)).allowed) return false;
  }
  return true;
};

/** A link base with the token as its `token` query parameter. */
export const linkWithToken = (base: string, token: string): string => {
  const url = new URL(base);
  url.searchParams.set('token', token);
  return url.toString();
};

/**
 * Lets the answer that emitted a request leave before the request is worked on. The bus starts a subscriber
 * in the emitting process at once, and store calls (synchronous on sqlite) and rendering hold the event loop:
 * without this, the work an existing account causes would be done before its answer is written, and the
 * answer's time would tell that the account exists (bench/forgot-password-bench.ts measured 15 ms).
 */
export const afterTheAnswer = (): Promise<void> => afterIo();
