import type { Clock, DocumentStore, Filter, Stored } from '@bytelyst/db/document-store';
import type { SubscriberInfo } from '@bytelyst/events/bus';
import { describeCatalogue } from '@bytelyst/events/catalogue';
import type { Delivery, EventDoc } from '@bytelyst/events/event-doc';
import { replayDeadDeliveries } from '@bytelyst/events/replay';
import { AppError } from '../../app-error';
import { DAY_MS } from '../../lib/time';
import type { EventsRepository } from './repository';
import type {
  TDeadLetter,
  TDeadLetterListInput,
  TDeliveryView,
  TEventDetail,
  TEventListInput,
  TEventSummary,
  TReplayMatchingInput,
} from './schema';

/** Events one `replayMatching` call puts back at most; the answer says when more matched. */
export const REPLAY_LIMIT = 1000;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const counts = (deliveries: Record<string, Delivery>) => {
  const all = Object.values(deliveries);
  return {
    total: all.length,
    succeeded: all.filter((d) => d.status === 'succeeded').length,
    open: all.filter((d) => d.status === 'pending' || d.status === 'retrying').length,
    dead: all.filter((d) => d.status === 'dead').length,
  };
};

const toSummary = (doc: EventDoc): TEventSummary => ({
  id: doc.id,
  type: doc.type,
  version: doc.version,
  productId: doc.productId,
  actorId: doc.actorId,
  at: doc.at,
  status: doc.status,
  deliveries: counts(doc.deliveries),
});

const toDetail = (doc: EventDoc): TEventDetail => ({
  ...toSummary(doc),
  seq: doc.seq,
  data: doc.data,
  subscribers: Object.entries(doc.deliveries)
    .map(
      ([subscriber, d]): TDeliveryView => ({
        subscriber,
        status: d.status,
        sequential: d.sequential,
        priority: d.priority,
        attempts: d.attempts,
        nextAttemptAt: iso(d.nextAttemptAt),
        lastError: d.lastError,
        lastAttemptAt: d.lastAttemptAt,
        history: d.history,
      }),
    )
    .sort((a, b) => b.priority - a.priority || a.subscriber.localeCompare(b.subscriber)),
});

const deadLettersOf = (doc: EventDoc, subscriber?: string): TDeadLetter[] =>
  Object.entries(doc.deliveries)
    .filter(([name, d]) => d.status === 'dead' && (!subscriber || name === subscriber))
    .map(([name, d]) => ({
      eventId: doc.id,
      type: doc.type,
      productId: doc.productId,
      at: doc.at,
      subscriber: name,
      attempts: d.attempts,
      lastError: d.lastError,
      lastAttemptAt: d.lastAttemptAt,
    }));

/** Where a query looks: one product's partition, or every product (undefined). */
export type EventScope = { productId: string | undefined };

export const createEventsService = (deps: {
  repo: EventsRepository;
  store: DocumentStore;
  clock: Clock;
  subscribers: () => SubscriberInfo[];
}) => {
  const { repo, clock } = deps;

  const load = async (productId: string, id: string): Promise<Stored<EventDoc>> => {
    const doc = await repo.get(productId, id);
    if (!doc) throw new AppError('NOT_FOUND', `Event '${id}' not found in product '${productId}'`);
    return doc;
  };

  const filterOf = (input: { type?: string; from?: string; to?: string }): Filter<EventDoc> => {
    const at = {
      ...(input.from ? { gte: new Date(input.from).toISOString() } : {}),
      ...(input.to ? { lte: new Date(input.to).toISOString() } : {}),
    };
    return {
      ...(input.type ? { type: { eq: input.type } } : {}),
      ...(input.from || input.to ? { at } : {}),
    };
  };

  return {
    async list(scope: EventScope, input: TEventListInput) {
      const where: Filter<EventDoc> = {
        ...filterOf(input),
        ...(input.status ? { status: { eq: input.status } } : {}),
      };
      const page = await repo.list(scope.productId, where, input.limit ?? 50, input.cursor);
      return { items: page.items.map(toSummary), nextCursor: page.continuation };
    },

    get: async (productId: string, id: string): Promise<TEventDetail> => toDetail(await load(productId, id)),

    async deadLetters(scope: EventScope, input: TDeadLetterListInput) {
      const where: Filter<EventDoc> = {
        ...filterOf(input),
        status: { eq: 'dead_lettered' },
        ...(input.subscriber ? { deadSubscribers: { contains: input.subscriber } } : {}),
      };
      const page = await repo.list(scope.productId, where, input.limit ?? 50, input.cursor);
      return {
        items: page.items.flatMap((doc) => deadLettersOf(doc, input.subscriber)),
        nextCursor: page.continuation,
      };
    },

    async replay(productId: string, id: string, subscriber?: string) {
      const doc = await load(productId, id);
      if (subscriber && !doc.deliveries[subscriber]) {
        throw new AppError('BAD_REQUEST', `Event '${id}' has no delivery to '${subscriber}'`, {
          fields: [{ path: 'subscriber', message: 'Not a subscriber of this event' }],
        });
      }
      const result = await replayDeadDeliveries(deps.store, clock, {
        productId,
        eventId: id,
        ...(subscriber ? { subscriber } : {}),
      });
      if (!result) throw new AppError('NOT_FOUND', `Event '${id}' not found`);
      if (result.replayed.length === 0) {
        throw new AppError(
          'CONFLICT',
          `Event '${id}' has no dead ${subscriber ?? ''} delivery to replay`.replace('  ', ' '),
        );
      }
      return { event: toDetail(result.doc), replayed: result.replayed };
    },

    /** Replays every dead letter that matches, up to REPLAY_LIMIT events per call. */
    async replayMatching(scope: EventScope, input: TReplayMatchingInput) {
      const where: Filter<EventDoc> = {
        ...filterOf(input),
        status: { eq: 'dead_lettered' },
        ...(input.subscriber ? { deadSubscribers: { contains: input.subscriber } } : {}),
      };
      let events = 0;
      let deliveries = 0;
      let continuation: string | undefined;
      do {
        const page = await repo.list(scope.productId, where, 100, continuation);
        for (const doc of page.items) {
          if (events >= REPLAY_LIMIT) return { events, deliveries, more: true };
          if (deadLettersOf(doc, input.subscriber).length === 0) continue;
          const result = await replayDeadDeliveries(deps.store, clock, {
            productId: doc.productId,
            eventId: doc.id,
            ...(input.subscriber ? { subscriber: input.subscriber } : {}),
          });
          if (result && result.replayed.length > 0) {
            events += 1;
            deliveries += result.replayed.length;
          }
        }
        continuation = page.continuation ?? undefined;
      } while (continuation);
      return { events, deliveries, more: false };
    },

    catalogue() {
      const subscribers = deps.subscribers();
      return {
        events: describeCatalogue().map((entry) => ({
          ...entry,
          subscribers: subscribers
            .filter((s) => s.events === '*' || s.events.includes(entry.type))
            .map((s) => s.name),
        })),
      };
    },

    subscribers: () => ({
      items: deps
        .subscribers()
        .map((s) => ({ ...s, events: s.events === '*' ? ('*' as const) : [...s.events] })),
    }),

    async stats(scope: EventScope) {
      const since = new Date(clock() - DAY_MS).toISOString();
      const [pending, deadLettered, last24h] = await Promise.all([
        repo.count(scope.productId, { status: { eq: 'pending' } }),
        repo.count(scope.productId, { status: { eq: 'dead_lettered' } }),
        repo.count(scope.productId, { at: { gte: since } }),
      ]);
      return { pending, deadLettered, last24h };
    },

    /** Dead deliveries by subscriber, and how many died since `sinceIso`; for the dead-letter sweep. */
    async deadLetterReport(sinceIso: string) {
      const bySubscriber: Record<string, number> = {};
      let total = 0;
      let recent = 0;
      let continuation: string | undefined;
      do {
        const page = await repo.list(undefined, { status: { eq: 'dead_lettered' } }, 500, continuation);
        for (const doc of page.items) {
          for (const dead of deadLettersOf(doc)) {
            total += 1;
            bySubscriber[dead.subscriber] = (bySubscriber[dead.subscriber] ?? 0) + 1;
            if (dead.lastAttemptAt && dead.lastAttemptAt >= sinceIso) recent += 1;
          }
        }
        continuation = page.continuation ?? undefined;
      } while (continuation);
      return { total, newSinceLastSweep: recent, bySubscriber };
    },
  };
};

export type EventsService = ReturnType<typeof createEventsService>;
