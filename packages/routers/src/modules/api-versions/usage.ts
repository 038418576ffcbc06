import { createHash } from 'node:crypto';
import { type Clock, type DocumentStore, isStoreError } from '@bytelyst/db/document-store';
import type { BusLogger } from '@bytelyst/events/logger';
import { API_VERSIONS_CONTAINERS } from './containers';
import type { TApiVersionUsageRow } from './schema';

export type UsageCall = {
  productId: string;
  /** `token:<id>` for an API token, else `product:<id>`. */
  client: string;
  version: string;
  operation: string;
  kind: TApiVersionUsageRow['kind'];
};

type UsageDoc = UsageCall & {
  id: string;
  day: string;
  count: number;
  firstSeenAt: string;
  lastSeenAt: string;
};

type Pending = { call: UsageCall; day: string; count: number; firstSeenAt: string; lastSeenAt: string };

const ATTEMPTS = 20;

const usageId = (call: UsageCall, day: string) =>
  createHash('sha256')
    .update(JSON.stringify([day, call.client, call.version, call.operation, call.kind]))
    .digest('hex')
    .slice(0, 40);

/**
 * Counts calls of deprecated versions and operations without touching the store on the request path: calls
 * add up in memory and a debounced flush adds each (client, version, operation, day) sum to its document
 * (read, add, replace with the etag; or create), so instances flushing at once all count. `flush()` also runs
 * when the module stops and before the console reads.
 */
export const createUsageRecorder = (deps: {
  store: DocumentStore;
  clock: Clock;
  logger?: BusLogger;
  flushMs: number;
}) => {
  const container = () => deps.store.container<UsageDoc>(API_VERSIONS_CONTAINERS.apiVersionUsage.name);
  let pending = new Map<string, Pending>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let flushing: Promise<void> = Promise.resolve();

  const add = async (id: string, item: Pending): Promise<void> => {
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const updated = await container().mutate(id, item.call.productId, (doc) => ({
        ...doc,
        count: doc.count + item.count,
        lastSeenAt: [doc.lastSeenAt, item.lastSeenAt].sort()[1] ?? item.lastSeenAt,
      }));
      if (updated) return;
      try {
        await container().create({
          ...item.call,
          id,
          day: item.day,
          count: item.count,
          firstSeenAt: item.firstSeenAt,
          lastSeenAt: item.lastSeenAt,
        });
        return;
      } catch (error) {
        // Another instance created it first: add to theirs.
        if (!isStoreError(error, 'conflict')) throw error;
      }
    }
  };

  const flushNow = async (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = new Map();
    for (const [id, item] of batch) {
      try {
        await add(id, item);
      } catch (error) {
        // Kept for the next flush rather than lost; merged with what arrived meanwhile.
        const later = pending.get(id);
        pending.set(
          id,
          later ? { ...later, count: later.count + item.count, firstSeenAt: item.firstSeenAt } : item,
        );
        deps.logger?.warn({ err: error }, 'api version usage flush failed');
      }
    }
  };

  const flush = (): Promise<void> => {
    flushing = flushing.then(flushNow);
    return flushing;
  };

  return {
    record(call: UsageCall): void {
      const at = new Date(deps.clock()).toISOString();
      const day = at.slice(0, 10);
      const id = usageId(call, day);
      const known = pending.get(id);
      if (known) {
        known.count += 1;
        known.lastSeenAt = at;
      } else {
        pending.set(id, { call, day, count: 1, firstSeenAt: at, lastSeenAt: at });
      }
      if (!timer) {
        timer = setTimeout(() => void flush(), deps.flushMs);
        timer.unref?.();
      }
    },
    flush,
    /** Calls still in memory (for tests and the shutdown log). */
    pendingCount: () => [...pending.values()].reduce((sum, item) => sum + item.count, 0),
    /** Usage rows since `fromDay` (YYYY-MM-DD), summed per client, version, operation and kind; last seen first. */
    async list(productId: string, fromDay: string): Promise<TApiVersionUsageRow[]> {
      const rows = new Map<string, TApiVersionUsageRow>();
      let continuation: string | null = null;
      do {
        const page = await container().query({
          partitionKey: productId,
          where: { day: { gte: fromDay } },
          orderBy: [{ field: 'day' }],
          limit: 1000,
          ...(continuation ? { continuation } : {}),
        });
        for (const doc of page.items) {
          const key = JSON.stringify([doc.client, doc.version, doc.operation, doc.kind]);
          const row = rows.get(key);
          if (row) {
            row.count += doc.count;
            if (doc.lastSeenAt > row.lastSeenAt) row.lastSeenAt = doc.lastSeenAt;
          } else {
            const { client, version, operation, kind, count, lastSeenAt } = doc;
            rows.set(key, { client, version, operation, kind, count, lastSeenAt });
          }
        }
        continuation = page.continuation;
      } while (continuation);
      return [...rows.values()].sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt));
    },
  };
};

export type UsageRecorder = ReturnType<typeof createUsageRecorder>;
