/**
 * Leases for leader election (the job runner): a lease is a document in the `leases` container, taken with
 * `create` (conflict when held) or `replace` with `ifMatch` (precondition failure when someone else wrote it
 * first), so of any number of contenders at most one ever wins. The store must have been initialised with
 * `CONTAINERS.leases` (one of PLATFORM_CONTAINERS).
 */
import { CONTAINERS } from './containers';
import { type Clock, type DocumentStore, isStoreError, type Stored, systemClock } from './document-store';

export type Lease = {
  name: string;
  holder: string;
  /** Epoch ms when the lease lapses unless renewed. */
  expiresAt: number;
  /** Epoch ms when this holder first took the lease. */
  acquiredAt: number;
};

type LeaseDoc = { id: string; holder: string; expiresAt: number; acquiredAt: number };

export type LeaseManager = {
  /** Takes the lease when it is free or lapsed (or already held by `holder`); null when another holds it. */
  acquire(name: string, holder: string, ttlMs: number): Promise<Lease | null>;
  /** Extends the lease; null unless `holder` holds it and it has not lapsed. */
  renew(name: string, holder: string, ttlMs: number): Promise<Lease | null>;
  /** Gives the lease up; false when `holder` did not hold it (any more). */
  release(name: string, holder: string): Promise<boolean>;
  /** The current holder's lease, or null when free or lapsed. */
  current(name: string): Promise<Lease | null>;
};

/** Lapsed lease documents linger this long (seconds) past their expiry before the store purges them. */
const LINGER_SECONDS = 24 * 60 * 60;

/** Losing a race shows up as one of these; they mean "someone else has it", not failure. */
const lostRace = (error: unknown) =>
  isStoreError(error, 'conflict') ||
  isStoreError(error, 'precondition_failed') ||
  isStoreError(error, 'not_found');

function assertArgs(name: string, holder: string, ttlMs?: number) {
  if (!name || !holder) throw new TypeError('lease name and holder must be non-empty');
  if (ttlMs !== undefined && (!Number.isFinite(ttlMs) || ttlMs <= 0)) {
    throw new TypeError('lease ttlMs must be a positive number');
  }
}

const toLease = (doc: LeaseDoc): Lease => ({
  name: doc.id,
  holder: doc.holder,
  expiresAt: doc.expiresAt,
  acquiredAt: doc.acquiredAt,
});

export function createLeaseManager(store: DocumentStore, opts: { clock?: Clock } = {}): LeaseManager {
  const clock = opts.clock ?? systemClock;
  const leases = () => store.container<LeaseDoc>(CONTAINERS.leases.name);
  const ttlOf = (ttlMs: number) => Math.ceil(ttlMs / 1000) + LINGER_SECONDS;

  const readLive = async (name: string): Promise<Stored<LeaseDoc> | undefined> => {
    const doc = await leases().read(name, name);
    return doc && doc.expiresAt > clock() ? doc : undefined;
  };

  /** Rewrites a lease the caller has seen at `etag`; null when another write got there first. */
  const overwrite = async (prev: Stored<LeaseDoc>, next: LeaseDoc, ttlMs: number): Promise<Lease | null> => {
    try {
      return toLease(await leases().replace(next, { ifMatch: prev._etag, ttl: ttlOf(ttlMs) }));
    } catch (error) {
      if (lostRace(error)) return null;
      throw error;
    }
  };

  return {
    async acquire(name, holder, ttlMs) {
      assertArgs(name, holder, ttlMs);
      const now = clock();
      const existing = await leases().read(name, name);
      if (existing && existing.expiresAt > now && existing.holder !== holder) return null;
      const next: LeaseDoc = { id: name, holder, expiresAt: now + ttlMs, acquiredAt: now };
      if (existing) {
        // Lapsed, or ours already: take it over only if nobody writes it in between.
        if (existing.holder === holder && existing.expiresAt > now) next.acquiredAt = existing.acquiredAt;
        return overwrite(existing, next, ttlMs);
      }
      try {
        return toLease(await leases().create(next, { ttl: ttlOf(ttlMs) }));
      } catch (error) {
        if (lostRace(error)) return null;
        throw error;
      }
    },

    async renew(name, holder, ttlMs) {
      assertArgs(name, holder, ttlMs);
      const live = await readLive(name);
      if (!live || live.holder !== holder) return null;
      return overwrite(live, { ...stripSystem(live), expiresAt: clock() + ttlMs }, ttlMs);
    },

    async release(name, holder) {
      assertArgs(name, holder);
      const live = await readLive(name);
      if (!live || live.holder !== holder) return false;
      try {
        return await leases().delete(name, name, { ifMatch: live._etag });
      } catch (error) {
        if (lostRace(error)) return false;
        throw error;
      }
    },

    async current(name) {
      const live = await readLive(name);
      return live ? toLease(live) : null;
    },
  };
}

function stripSystem(doc: Stored<LeaseDoc>): LeaseDoc {
  return { id: doc.id, holder: doc.holder, expiresAt: doc.expiresAt, acquiredAt: doc.acquiredAt };
}
