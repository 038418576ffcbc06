import type { Clock } from '@bytelyst/db/document-store';

/** A small in-memory cache with per-entry expiry by the injected clock and a size cap. */
export const createTtlCache = <V>(opts: { ttlMs: number; clock: Clock; maxEntries?: number }) => {
  const entries = new Map<string, { value: V; until: number }>();
  const max = opts.maxEntries ?? 10_000;
  return {
    get(key: string): V | undefined {
      const hit = entries.get(key);
      if (!hit) return undefined;
      if (hit.until <= opts.clock()) {
        entries.delete(key);
        return undefined;
      }
      return hit.value;
    },
    set(key: string, value: V): void {
      if (entries.size >= max) entries.clear();
      entries.set(key, { value, until: opts.clock() + opts.ttlMs });
    },
    delete(key: string): void {
      entries.delete(key);
    },
    /** Drops every entry whose key starts with `prefix`. */
    deletePrefix(prefix: string): void {
      for (const key of entries.keys()) if (key.startsWith(prefix)) entries.delete(key);
    },
  };
};

export type TtlCache<V> = ReturnType<typeof createTtlCache<V>>;
