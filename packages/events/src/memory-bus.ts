import { randomUUID } from 'node:crypto';
import { runAttempt } from './attempt';
import {
  DEFAULT_MAX_ATTEMPTS,
  describeSubscriber,
  type EmitOptions,
  type EventBus,
  parseEventPayload,
  type StagedEvents,
  type Subscriber,
  subscribesTo,
} from './bus';
import { EVENT_DEFINITIONS, type EventType, type PlatformEvent } from './catalogue';
import { afterAttempt, type Delivery, newDelivery } from './event-doc';

/**
 * The bus contract without persistence, for unit tests of modules: the same validation, priorities,
 * sequential streams, retries and dead letters as the durable bus, kept in memory. `emitted` and
 * `deliveries` let a test see what happened.
 */
export type MemoryBus = EventBus & {
  readonly emitted: PlatformEvent[];
  /** Delivery state per event id and subscriber. */
  readonly deliveries: Map<string, Record<string, Delivery>>;
};

export const createMemoryBus = (
  opts: { clock?: () => number; random?: () => number; retryBaseMs?: number } = {},
): MemoryBus => {
  const clock = opts.clock ?? Date.now;
  const random = opts.random ?? Math.random;
  const subscribers = new Map<string, Subscriber<EventType>>();
  const emitted: PlatformEvent[] = [];
  const deliveries = new Map<string, Record<string, Delivery>>();
  const streams = new Map<string, Promise<void>>();
  const inflight = new Set<Promise<void>>();

  const track = (work: Promise<void>) => {
    inflight.add(work);
    void work.finally(() => inflight.delete(work));
  };

  /** Attempts until success or dead; the wait between attempts is the backoff (real time). */
  const deliver = async (s: Subscriber<EventType>, event: PlatformEvent) => {
    const state = deliveries.get(event.id);
    if (!state) return;
    for (;;) {
      const before = state[s.name] ?? newDelivery(s.sequential ?? false, s.priority ?? 0, clock());
      const outcome = await runAttempt(s, event, before.attempts + 1, clock);
      const after = afterAttempt(before, outcome, {
        maxAttempts: s.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        baseMs: opts.retryBaseMs ?? 10,
        maxMs: 1000,
        random,
      });
      state[s.name] = after;
      if (after.status !== 'retrying') return;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, (after.nextAttemptAt ?? 0) - clock())));
    }
  };

  const dispatch = async (event: PlatformEvent, matching: Subscriber<EventType>[]) => {
    const concurrent = matching.filter((s) => !s.sequential);
    const priorities = [...new Set(concurrent.map((s) => s.priority ?? 0))].sort((a, b) => b - a);
    for (const priority of priorities) {
      await Promise.all(
        concurrent.filter((s) => (s.priority ?? 0) === priority).map((s) => deliver(s, event)),
      );
    }
  };

  const envelope = <K extends EventType>(type: K, payload: unknown, options: EmitOptions): PlatformEvent<K> =>
    ({
      id: randomUUID(),
      type,
      version: EVENT_DEFINITIONS[type].version,
      productId: options.productId,
      at: new Date(clock()).toISOString(),
      actorId: options.actorId ?? null,
      data: parseEventPayload(type, payload),
    }) as PlatformEvent<K>;

  const publish = (event: PlatformEvent) => {
    emitted.push(event);
    const matching = [...subscribers.values()].filter((s) => subscribesTo(s, event.type));
    const state: Record<string, Delivery> = {};
    for (const s of matching) state[s.name] = newDelivery(s.sequential ?? false, s.priority ?? 0, clock());
    deliveries.set(event.id, state);
    track(dispatch(event, matching));
    for (const s of matching.filter((m) => m.sequential)) {
      // Each (subscriber, product) stream runs one event at a time, in emit order.
      const key = `${s.name}:${event.productId}`;
      const next = (streams.get(key) ?? Promise.resolve()).then(() => deliver(s, event));
      streams.set(key, next);
      track(next);
    }
  };

  const bus: MemoryBus = {
    emitted,
    deliveries,
    stage(type, payload, options) {
      const events: PlatformEvent[] = [];
      const staged: StagedEvents = {
        entries: [],
        events,
        and(nextType, nextPayload, nextOptions) {
          events.push(envelope(nextType, nextPayload, nextOptions) as PlatformEvent);
          return staged;
        },
        committed() {
          for (const event of events) publish(event);
        },
      };
      return staged.and(type, payload, options);
    },
    async emit(type, payload, options) {
      const event = envelope(type, payload, options);
      publish(event as PlatformEvent);
      return event;
    },
    subscribe(subscriber) {
      const s = subscriber as unknown as Subscriber<EventType>;
      if (subscribers.has(s.name)) throw new Error(`Subscriber '${s.name}' is already registered`);
      subscribers.set(s.name, s);
    },
    subscribers: () => [...subscribers.values()].map(describeSubscriber),
    async drain() {
      while (inflight.size > 0) await Promise.all([...inflight]);
    },
  };
  return bus;
};
