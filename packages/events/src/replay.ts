import { CONTAINERS } from '@bytelyst/db/containers';
import type { Clock, DocumentStore, Stored } from '@bytelyst/db/document-store';
import { isStoreError } from '@bytelyst/db/document-store';
import type { EventDoc } from './event-doc';
import { summarize } from './event-doc';
import type { QueueItem } from './streams';

export type ReplayResult = { doc: Stored<EventDoc>; replayed: string[] };

const stripSystem = ({ _etag, _ts, ttl, ...doc }: Stored<EventDoc>): EventDoc => doc;

/**
 * Puts dead deliveries of one event (all of them, or the named subscriber's) back to pending with a fresh
 * set of attempts; the history of the dead ones is kept. A dispatcher picks them up on its next poll; a
 * sequential one goes back into its stream. Resolves undefined when the event does not exist.
 */
export const replayDeadDeliveries = async (
  store: DocumentStore,
  clock: Clock,
  ref: { productId: string; eventId: string; subscriber?: string },
): Promise<ReplayResult | undefined> => {
  const events = store.container<EventDoc>(CONTAINERS.events.name);
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const doc = await events.read(ref.eventId, ref.productId);
    if (!doc) return undefined;
    const now = clock();
    const deliveries = { ...doc.deliveries };
    const replayed: string[] = [];
    for (const [name, d] of Object.entries(deliveries)) {
      if (d.status !== 'dead' || (ref.subscriber && ref.subscriber !== name)) continue;
      deliveries[name] = { ...d, status: 'pending', attempts: 0, nextAttemptAt: now };
      replayed.push(name);
    }
    if (replayed.length === 0) return { doc, replayed };
    const summary = summarize(deliveries, null);
    const claimHeld = doc.claim !== null && doc.dueAt !== null && doc.dueAt > now;
    const next: EventDoc = {
      ...stripSystem(doc),
      deliveries,
      status: summary.status,
      deadSubscribers: summary.deadSubscribers,
      // A live claim keeps its expiry; its holder releases it and the next poll finds these.
      dueAt: claimHeld ? doc.dueAt : summary.dueAt,
      claim: claimHeld ? doc.claim : null,
    };
    try {
      const written = await events.replace(next, { ifMatch: doc._etag });
      const queue = store.container<QueueItem>(CONTAINERS.eventQueue.name);
      for (const name of replayed.filter((n) => deliveries[n]?.sequential)) {
        await queue.upsert({
          id: doc.id,
          stream: `${name}:${doc.productId}`,
          subscriber: name,
          productId: doc.productId,
          seq: doc.seq,
          attempts: 0,
          dueAt: now,
          createdAt: now,
        });
      }
      return { doc: written, replayed };
    } catch (error) {
      if (!isStoreError(error, 'precondition_failed')) throw error;
    }
  }
  throw new Error(`event ${ref.eventId} kept changing while being replayed`);
};
