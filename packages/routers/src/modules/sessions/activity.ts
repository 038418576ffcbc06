import type { Clock } from '@bytelyst/db/document-store';

/**
 * Keeps `lastActiveAt` fresh from the request path without a store write per request: each instance remembers,
 * per session, when a mark is next due, and only then hands one write to `write` (off the request's time). The
 * write itself re-reads the session and gives up when any instance marked it less than `intervalMs` ago, so
 * across instances a session is written at most once per interval; each instance reads it at most once per
 * interval for this (besides the principal cache's own reads, which also feed `seen`).
 */
export const createActivityTracker = (deps: {
  clock: Clock;
  intervalMs: number;
  write: (userId: string, sessionId: string, nowMs: number) => Promise<void>;
  onError: (error: unknown) => void;
  maxEntries?: number;
}) => {
  const dueAt = new Map<string, number>();
  const pending = new Set<Promise<void>>();
  const max = deps.maxEntries ?? 50_000;
  const remember = (key: string, at: number) => {
    if (dueAt.size >= max && !dueAt.has(key)) {
      const now = deps.clock();
      for (const [k, due] of dueAt) if (due <= now) dueAt.delete(k);
      if (dueAt.size >= max) dueAt.clear();
    }
    dueAt.set(key, at);
  };
  return {
    /** The session was read with this `lastActiveAt`: no mark is due before a minute after it. */
    seen(userId: string, sessionId: string, lastActiveAt: string): void {
      const key = `${userId}:${sessionId}`;
      const due = Date.parse(lastActiveAt) + deps.intervalMs;
      if (due > (dueAt.get(key) ?? 0)) remember(key, due);
    },
    /** A request used the session; cheap when no mark is due (one map read). */
    touch(userId: string, sessionId: string): void {
      const key = `${userId}:${sessionId}`;
      const now = deps.clock();
      if ((dueAt.get(key) ?? 0) > now) return;
      remember(key, now + deps.intervalMs);
      const write = deps
        .write(userId, sessionId, now)
        .catch(deps.onError)
        .finally(() => pending.delete(write));
      pending.add(write);
    },
    /** Resolves once the marks started so far are written (tests, shutdown). */
    async settled(): Promise<void> {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
};
