import { CONTAINERS } from '@bytelyst/db/containers';
import type { Clock, DocumentStore, Stored } from '@bytelyst/db/document-store';
import { isStoreError } from '@bytelyst/db/document-store';
import type { LeaseManager } from '@bytelyst/db/leases';
import { runAttempt } from './attempt';
import type { Subscriber } from './bus';
import type { EventType } from './catalogue';
import { afterAttempt, type Delivery, type EventDoc, newDelivery, toEnvelope } from './event-doc';
import type { BusLogger } from './logger';

/**
 * Delivery to a sequential subscriber. Each (subscriber, product) pair is a stream: a partition of the
 * `event_queue` container holding one item per undelivered event, ordered by the event's `seq`. One process
 * at a time leads a subscriber's streams (a lease), and works each stream head first: an item that fails
 * holds back the ones behind it until it succeeds or is dead-lettered. Products' streams run side by side.
 */

export type QueueItem = {
  /** The event id. */
  id: string;
  /** `subscriber:productId`, the partition. */
  stream: string;
  subscriber: string;
  productId: string;
  seq: string;
  attempts: number;
  /** Epoch ms before which the head is not retried. */
  dueAt: number;
  createdAt: number;
};

export type StreamWorker = {
  start(): void;
  stop(): Promise<void>;
  /** Works every stream with a due head, if this process leads the subscriber. */
  pollOnce(): Promise<void>;
  /** A local emit added work: poll soon. */
  notify(): void;
  idle(): Promise<void>;
};

const DISCOVERY_PAGES = 5;
const PAGE = 200;
/** An item whose event was never written (the emit failed after writing it) is dropped after this. */
const ORPHAN_AFTER_MS = 60_000;

export const createStreamWorker = (deps: {
  store: DocumentStore;
  leases: LeaseManager;
  clock: Clock;
  instanceId: string;
  subscriber: Subscriber<EventType>;
  pollIntervalMs: number;
  /** The subscriber's lease lapses this long after its leader stops renewing it (renewed every third). */
  leaseTtlMs: number;
  retry: { maxAttempts: number; baseMs: number; maxMs: number; random: () => number };
  signal: AbortSignal;
  logger: BusLogger;
  readEvent(productId: string, id: string): Promise<Stored<EventDoc> | undefined>;
  recordDelivery(productId: string, eventId: string, name: string, d: Delivery): Promise<void>;
  report(subscriber: string, type: string, d: Delivery, durationMs: number): void;
}): StreamWorker => {
  const { clock, subscriber } = deps;
  const items = () => deps.store.container<QueueItem>(CONTAINERS.eventQueue.name);
  const leaseName = `bus:stream:${subscriber.name}`;
  let leading = false;
  let leaseCheckedAt = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | undefined;
  let active: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const lead = async (): Promise<boolean> => {
    const now = clock();
    if (leading && now - leaseCheckedAt < deps.leaseTtlMs / 3) return true;
    const lease = leading
      ? await deps.leases.renew(leaseName, deps.instanceId, deps.leaseTtlMs)
      : await deps.leases.acquire(leaseName, deps.instanceId, deps.leaseTtlMs);
    leading = lease !== null;
    leaseCheckedAt = now;
    return leading;
  };

  /** Streams with work, found by paging the subscriber's items in seq order. */
  const discover = async (): Promise<string[]> => {
    const found = new Set<string>();
    let continuation: string | undefined;
    for (let page = 0; page < DISCOVERY_PAGES; page += 1) {
      const result = await items().query({
        where: { subscriber: { eq: subscriber.name } },
        orderBy: [
          { field: 'subscriber', direction: 'asc' },
          { field: 'seq', direction: 'asc' },
        ],
        limit: PAGE,
        ...(continuation ? { continuation } : {}),
      });
      for (const item of result.items) found.add(item.stream);
      if (!result.continuation) break;
      continuation = result.continuation;
    }
    return [...found];
  };

  /** Delivers the head of one stream, then the next, until it is empty or the head must wait. */
  const work = async (stream: string) => {
    for (;;) {
      // Renewed as it goes: a lapsed lease could let another process work the same stream.
      if (stopped || deps.signal.aborted || !(await lead())) return;
      const page = await items().query({
        partitionKey: stream,
        orderBy: [{ field: 'seq', direction: 'asc' }],
        limit: 1,
      });
      const head = page.items[0];
      if (!head) return;
      const now = clock();
      if (head.dueAt > now) return;
      const event = await deps.readEvent(head.productId, head.id);
      if (!event) {
        if (now - head.createdAt < ORPHAN_AFTER_MS) return;
        await items().delete(head.id, stream);
        continue;
      }
      const before = event.deliveries[subscriber.name] ?? newDelivery(true, subscriber.priority ?? 0, now);
      if (before.status === 'succeeded' || before.status === 'dead') {
        await items().delete(head.id, stream);
        continue;
      }
      const outcome = await runAttempt(
        subscriber,
        toEnvelope(event),
        before.attempts + 1,
        clock,
        deps.signal,
      );
      const after = afterAttempt(before, outcome, deps.retry);
      deps.report(subscriber.name, event.type, after, outcome.finishedAt - outcome.startedAt);
      await deps.recordDelivery(head.productId, head.id, subscriber.name, after);
      if (after.status === 'retrying') {
        deps.logger.warn(
          { eventId: head.id, subscriber: subscriber.name, attempt: after.attempts },
          `sequential delivery failed: ${outcome.error}`,
        );
        const { _etag, _ts, ttl, ...item } = head;
        await items().replace(
          { ...item, attempts: after.attempts, dueAt: after.nextAttemptAt ?? now },
          { ifMatch: _etag },
        );
        return;
      }
      await items().delete(head.id, stream);
    }
  };

  const pollOnce = async (): Promise<void> => {
    if (active) {
      again = true;
      return active;
    }
    active = (async () => {
      do {
        again = false;
        if (stopped || !(await lead())) return;
        const found = await discover();
        await Promise.all(found.map((stream) => work(stream)));
      } while (again && !stopped);
    })()
      .catch((error: unknown) => {
        if (!isStoreError(error, 'precondition_failed')) {
          deps.logger.error({ err: error, subscriber: subscriber.name }, 'sequential stream poll failed');
        }
      })
      .finally(() => {
        active = null;
      });
    return active;
  };

  const loop = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      void pollOnce().finally(loop);
    }, deps.pollIntervalMs);
    timer.unref?.();
  };

  return {
    start() {
      stopped = false;
      loop();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await active;
      if (leading) await deps.leases.release(leaseName, deps.instanceId).catch(() => false);
      leading = false;
    },
    pollOnce,
    notify() {
      if (stopped) return;
      setImmediate(() => {
        void pollOnce();
      });
    },
    async idle() {
      while (active) await active;
    },
  };
};
