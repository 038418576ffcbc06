/**
 * How the durable bus turns an emit into the records it persists (the event document and, for sequential
 * subscribers, one queue item each), and the outbox a write carries when the events are staged with a change.
 */
import { randomUUID } from 'node:crypto';
import { CONTAINERS } from '@bytelyst/db/containers';
import type { Stored } from '@bytelyst/db/document-store';
import { type EmitOptions, parseEventPayload, type StagedEvents, type Subscriber, subscribesTo } from './bus';
import { EVENT_DEFINITIONS, type EventType, type PlatformEvent } from './catalogue';
import { type Delivery, type EventDoc, newDelivery, summarize, toEnvelope } from './event-doc';
import type { QueueItem } from './streams';

export type Prepared = { doc: EventDoc; claim: string | null; queueItems: QueueItem[] };
export type Started = { doc: Stored<EventDoc> } & Omit<Prepared, 'doc'>;

export type PrepareDeps = {
  subscribers: () => Iterable<Subscriber<EventType>>;
  now: () => number;
  claimTtl: number;
  nextSeq: (now: number) => string;
  /** A claim for this process when it will dispatch the event itself (it has concurrent subscribers), or null. */
  claimIfLocal: (hasConcurrent: boolean) => string | null;
};

/** The event document (with this process's claim when it will dispatch locally) and its queue items. */
export const prepareEvent = (
  deps: PrepareDeps,
  type: EventType,
  payload: unknown,
  options: EmitOptions,
): Prepared => {
  const data = parseEventPayload(type, payload);
  const now = deps.now();
  const matching = [...deps.subscribers()].filter((s) => subscribesTo(s, type));
  const deliveries: Record<string, Delivery> = {};
  for (const s of matching) deliveries[s.name] = newDelivery(s.sequential ?? false, s.priority ?? 0, now);
  const claim = deps.claimIfLocal(matching.some((s) => !s.sequential));
  const doc: EventDoc = {
    id: randomUUID(),
    type,
    version: EVENT_DEFINITIONS[type].version,
    productId: options.productId,
    actorId: options.actorId ?? null,
    at: new Date(now).toISOString(),
    seq: deps.nextSeq(now),
    data: data as Record<string, unknown>,
    claim,
    ...summarize(deliveries, claim ? now + deps.claimTtl : null),
    deliveries,
  };
  const queueItems = matching
    .filter((s) => s.sequential)
    .map(
      (s): QueueItem => ({
        id: doc.id,
        stream: `${s.name}:${doc.productId}`,
        subscriber: s.name,
        productId: doc.productId,
        seq: doc.seq,
        attempts: 0,
        dueAt: now,
        createdAt: now,
      }),
    );
  return { doc, claim, queueItems };
};

/** Events staged for one write; once it has committed, `started` runs for each stored event. */
export const createStagedEvents = (
  prepare: (type: EventType, payload: unknown, options: EmitOptions) => Prepared,
  started: (event: Started) => void,
): StagedEvents => {
  const batch: Prepared[] = [];
  const staged: StagedEvents = {
    get entries() {
      // The event before its queue items, so a relayed queue item never precedes its event.
      return batch.flatMap((p) => [
        { container: CONTAINERS.events.name, doc: p.doc },
        ...p.queueItems.map((doc) => ({ container: CONTAINERS.eventQueue.name, doc })),
      ]);
    },
    events: [],
    and(type, payload, options) {
      const prepared = prepare(type, payload, options);
      batch.push(prepared);
      (staged.events as PlatformEvent[]).push(toEnvelope(prepared.doc));
      return staged;
    },
    committed(stored) {
      // `stored` holds every entry the write committed (the write may carry other entries beside these); the
      // stored event carries the etag that this process's settle write is conditional on.
      // An event's queue items may share its id (they live in another container): the event comes first.
      const byId = new Map<string, (typeof stored)[number]>();
      for (const doc of stored) if (!byId.has(doc.id)) byId.set(doc.id, doc);
      for (const prepared of batch) {
        const doc = byId.get(prepared.doc.id) as Stored<EventDoc> | undefined;
        if (doc) started({ ...prepared, doc });
      }
    },
  };
  return staged;
};
