import type { Clock } from '@bytelyst/db/document-store';
import { createTtlCache } from '../../lib/ttl-cache';
import type { TRole } from '../users/schema';

/** What the request path remembers about a signed-in session (keyed `userId:sessionId`); null: not valid. */
export type PrincipalSnapshot = { email: string; roles: TRole[]; productId: string } | null;

/**
 * How long a verified session or user is trusted without a store read: a revocation made on another instance
 * takes effect within `ttlMs`; on this instance at once, through `forget`.
 */
export const createPrincipalCache = (opts: { ttlMs: number; clock: Clock }) => {
  const cache = createTtlCache<PrincipalSnapshot>(opts);
  return {
    get: (key: string) => cache.get(key),
    set: (key: string, snapshot: PrincipalSnapshot) => cache.set(key, snapshot),
    /** Drops one session of a user, or every session of the user. */
    forget: (userId: string, sessionId?: string) =>
      cache.deletePrefix(sessionId ? `${userId}:${sessionId}` : `${userId}:`),
  };
};

export type PrincipalCache = ReturnType<typeof createPrincipalCache>;
