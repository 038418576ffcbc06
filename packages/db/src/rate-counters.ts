/**
 * Fixed-window counters kept in the store, so that a limit holds across every API instance: a hit reads the
 * window's document and writes it back with `ifMatch` (or creates it), retrying when another instance wrote
 * first, so no hit is lost or counted twice. The store must have been initialised with
 * `CONTAINERS.rateCounters` (one of PLATFORM_CONTAINERS).
 */
import { CONTAINERS } from './containers';
import { type Clock, type DocumentStore, isStoreError, systemClock } from './document-store';

export type RateWindow = {
  /** At most this many hits per window are allowed. */
  limit: number;
  windowMs: number;
};

export type RateHit = {
  /** False once this hit went past the limit (it is still counted). */
  allowed: boolean;
  /** Hits in the current window, this one included. */
  count: number;
  /** Epoch ms when the window ends and counting starts again. */
  resetAt: number;
};

export type RateCounters = {
  /** Counts one hit against `key` in its current window. */
  hit(key: string, window: RateWindow): Promise<RateHit>;
  /** Hits so far in the current window, without counting one. */
  peek(key: string, window: RateWindow): Promise<number>;
};

type CounterDoc = { id: string; count: number; resetAt: number };

const MAX_ATTEMPTS = 32;

const lostRace = (error: unknown) =>
  isStoreError(error, 'conflict') || isStoreError(error, 'precondition_failed');

export function createRateCounters(store: DocumentStore, opts: { clock?: Clock } = {}): RateCounters {
  const clock = opts.clock ?? systemClock;
  const counters = () => store.container<CounterDoc>(CONTAINERS.rateCounters.name);
  const windowOf = (key: string, window: RateWindow) => {
    if (!key) throw new TypeError('rate counter key must be non-empty');
    if (!(window.windowMs > 0) || !(window.limit >= 0)) throw new TypeError('invalid rate window');
    const start = Math.floor(clock() / window.windowMs) * window.windowMs;
    return { id: `${key}@${start}`, resetAt: start + window.windowMs };
  };
  /** Lingers one more window past its end, so a clock a little behind on another instance still sees it. */
  const ttlOf = (window: RateWindow) => Math.ceil((2 * window.windowMs) / 1000);

  return {
    async hit(key, window) {
      const { id, resetAt } = windowOf(key, window);
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        const existing = await counters().read(id, id);
        try {
          const count = (existing?.count ?? 0) + 1;
          const doc = { id, count, resetAt };
          if (existing) await counters().replace(doc, { ifMatch: existing._etag, ttl: ttlOf(window) });
          else await counters().create(doc, { ttl: ttlOf(window) });
          return { allowed: count <= window.limit, count, resetAt };
        } catch (error) {
          if (!lostRace(error)) throw error;
        }
      }
      throw new Error(`rate counter '${key}' stayed contended for ${MAX_ATTEMPTS} attempts`);
    },
    async peek(key, window) {
      const { id } = windowOf(key, window);
      return (await counters().read(id, id))?.count ?? 0;
    },
  };
}
