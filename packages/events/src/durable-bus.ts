import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { CONTAINERS } from '@bytelyst/db/containers';
import type { Clock, DocumentStore } from '@bytelyst/db/document-store';
import { systemClock } from '@bytelyst/db/document-store';
import { createLeaseManager, type LeaseManager } from '@bytelyst/db/leases';
import { runAttempt } from './attempt';
import {
  type BusObserver,
  DEFAULT_MAX_ATTEMPTS,
  describeSubscriber,
  type EmitOptions,
  type EventBus,
  type Subscriber,
} from './bus';
import type { EventType, PlatformEvent } from './catalogue';
import { type ClaimedEvent, createEventClaims, shuffle } from './event-claims';
import { afterAttempt, type Delivery, type EventDoc, isOpen, toEnvelope } from './event-doc';
import { type BusLogger, NOOP_LOGGER } from './logger';
import { createStagedEvents, type Prepared, prepareEvent, type Started } from './staging';
import { createStreamWorker, type QueueItem, type StreamWorker } from './streams';
import { createWriteBatcher } from './write-batcher';

export type DurableBusOptions = {
  store: DocumentStore;
  clock?: Clock;
  random?: () => number;
  /** Names this process in claims and logs; default a random id. */
  instanceId?: string;
  /** The process's lease manager (sequential streams, the outbox relay); default one over `store`. */
  leases?: LeaseManager;
  /** false: emits are persisted here but delivered by dispatcher processes. Default true. */
  dispatch?: boolean;
  /**
   * How long a dispatcher's claim on an event lasts unless renewed (renewed every third of it); a sequential
   * subscriber's lease lasts half as long. After a crash, its work resumes elsewhere this much later. Default 60 s.
   */
  claimTtlMs?: number;
  /** How often to look for due retries and for events whose claim lapsed. Default 1 s. */
  pollIntervalMs?: number;
  /**
   * How often a dispatcher relays outbox documents that a crashed writer left behind (Cosmos; on sqlite the
   * outbox commits in place and there is nothing to relay). One dispatcher at a time holds the relay lease.
   * Default 5 s.
   */
  relayIntervalMs?: number;
  /** Events dispatched at once by this process. Default 64. */
  concurrency?: number;
  /** First retry delay; doubles per attempt up to `retryMaxMs`, with jitter. Defaults 1 s and 5 min. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Local backlog beyond which new emits are left unclaimed for any dispatcher. Default 20,000. */
  maxLocalBacklog?: number;
  /** How long `stop()` lets running deliveries finish before aborting their signals. Default 10 s. */
  stopGraceMs?: number;
  logger?: BusLogger;
};

export type DurableBus = EventBus & {
  readonly instanceId: string;
  /** Starts polling, claim renewal and the sequential streams this process leads. */
  start(): void;
  /** Stops taking work, hands back claims not yet started, waits for running deliveries, flushes writes. */
  stop(): Promise<void>;
  /** One poll: claims due events (retries, lapsed claims) and dispatches them; resolves with how many. */
  pollOnce(): Promise<number>;
  /** One relay pass over outbox documents older than a few seconds, if this process holds the relay lease. */
  relayOnce(): Promise<number>;
  /** Wakes the sequential streams; tests call it instead of waiting for a poll. */
  pollStreams(): Promise<void>;
  /** Tells `observer` of every emit and delivery attempt in this process; returns an unsubscribe. */
  observe(observer: BusObserver): () => void;
};

const PAGE = 100;
const RELAY_LEASE = 'events:outbox-relay';

export const createDurableBus = (opts: DurableBusOptions): DurableBus => {
  const clock = opts.clock ?? systemClock;
  const random = opts.random ?? Math.random;
  const instanceId = opts.instanceId ?? randomBytes(6).toString('hex');
  const dispatching = opts.dispatch ?? true;
  const claimTtl = opts.claimTtlMs ?? 60_000;
  const pollInterval = opts.pollIntervalMs ?? 1000;
  const concurrency = opts.concurrency ?? 64;
  const maxBacklog = opts.maxLocalBacklog ?? 20_000;
  const logger = opts.logger ?? NOOP_LOGGER;
  const retryOf = (s: Subscriber<EventType>) => ({
    maxAttempts: s.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    baseMs: opts.retryBaseMs ?? 1000,
    maxMs: opts.retryMaxMs ?? 300_000,
    random,
  });

  const events = () => opts.store.container<EventDoc>(CONTAINERS.events.name);
  const eventWrites = createWriteBatcher(events);
  const queueWrites = createWriteBatcher(() => opts.store.container<QueueItem>(CONTAINERS.eventQueue.name));
  const subscribers = new Map<string, Subscriber<EventType>>();
  const streams = new Map<string, StreamWorker>();
  const leases = opts.leases ?? createLeaseManager(opts.store, { clock });
  const shutdown = new AbortController();
  // Every running attempt listens for shutdown; there may be `concurrency` of them at once.
  setMaxListeners(0, shutdown.signal);

  const claims = createEventClaims({ events, eventWrites, clock, claimTtl, instanceId, logger });
  const observers = new Set<BusObserver>();
  const report = (subscriber: string, type: string, d: Delivery, durationMs: number) => {
    if (d.status === 'pending') return;
    const outcome = d.status;
    for (const o of observers) o.attempted?.({ subscriber, type, outcome, durationMs });
  };
  const claimed = new Map<string, ClaimedEvent>();
  const queue: ClaimedEvent[] = [];
  let running = 0;
  let stopped = false;
  let counter = 0;
  let lastMs = 0;
  let pollTimer: NodeJS.Timeout | undefined;
  let renewTimer: NodeJS.Timeout | undefined;
  let idleWaiters: (() => void)[] = [];

  const nextSeq = (now: number) => {
    lastMs = Math.max(lastMs, now);
    counter += 1;
    return `${String(lastMs).padStart(15, '0')}.${instanceId}.${String(counter).padStart(10, '0')}`;
  };
  const notifyIdle = () => {
    // Once stopped, nothing queued will start (stop hands it back), so only running deliveries count.
    if (running > 0 || (queue.length > 0 && !stopped)) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const wake of waiters) wake();
  };

  const dispatch = async (job: ClaimedEvent) => {
    const event = toEnvelope(job.doc);
    const now = clock();
    const due = Object.entries(job.doc.deliveries).filter(
      ([, d]) => isOpen(d) && !d.sequential && (d.nextAttemptAt ?? 0) <= now,
    );
    const touched: Record<string, Delivery> = {};
    const priorities = [...new Set(due.map(([, d]) => d.priority))].sort((a, b) => b - a);
    for (const priority of priorities) {
      await Promise.all(
        due
          .filter(([, d]) => d.priority === priority)
          .map(async ([name, d]) => {
            const subscriber = subscribers.get(name);
            if (!subscriber) {
              // Registered by another release of the platform: leave it to a process that has it.
              touched[name] = { ...d, nextAttemptAt: clock() + claimTtl };
              return;
            }
            const outcome = await runAttempt(subscriber, event, d.attempts + 1, clock, shutdown.signal);
            const after = afterAttempt(d, outcome, retryOf(subscriber));
            touched[name] = after;
            report(name, event.type, after, outcome.finishedAt - outcome.startedAt);
            if (!outcome.ok) {
              logger.warn(
                { eventId: event.id, type: event.type, subscriber: name, attempt: d.attempts + 1 },
                `delivery failed: ${outcome.error}`,
              );
            }
          }),
      );
    }
    await claims.settle(job, touched);
  };

  const pump = () => {
    while (running < concurrency && queue.length > 0 && !stopped) {
      const job = queue.shift();
      if (!job) break;
      running += 1;
      dispatch(job)
        .catch((error: unknown) => logger.error({ err: error, eventId: job.doc.id }, 'dispatch failed'))
        .finally(() => {
          running -= 1;
          claimed.delete(job.doc.id);
          pump();
          notifyIdle();
        });
    }
    notifyIdle();
  };

  const take = (jobs: ClaimedEvent[]) => {
    for (const job of jobs) {
      claimed.set(job.doc.id, job);
      queue.push(job);
    }
    pump();
  };

  const pollOnce = async (): Promise<number> => {
    if (!dispatching || stopped) return 0;
    const room = Math.min(PAGE, maxBacklog - claimed.size);
    if (room <= 0) return 0;
    const page = await events().query({
      where: { dueAt: { lte: clock() } },
      orderBy: [{ field: 'dueAt', direction: 'asc' }],
      limit: room,
    });
    const jobs: ClaimedEvent[] = [];
    // A random order keeps dispatchers that read the same page from racing for the same documents.
    for (const doc of shuffle(page.items, random)) {
      if (claimed.has(doc.id)) continue;
      const job = await claims.claim(doc);
      if (job) jobs.push(job);
    }
    jobs.sort((a, b) => (a.doc.seq < b.doc.seq ? -1 : 1));
    take(jobs);
    return jobs.length;
  };

  const relayInterval = opts.relayIntervalMs ?? 5000;
  let lastRelay = 0;
  const relayOnce = async (): Promise<number> => {
    lastRelay = clock();
    if (opts.store.driver === 'sqlite') return 0;
    const lease = await leases.acquire(RELAY_LEASE, instanceId, relayInterval * 3);
    return lease ? opts.store.relayOutbox() : 0;
  };

  const schedulePoll = (delay: number) => {
    if (stopped || !dispatching) return;
    pollTimer = setTimeout(() => {
      const relay = clock() - lastRelay >= relayInterval ? relayOnce() : Promise.resolve(0);
      Promise.all([relay, pollOnce()])
        .then(([, n]) => schedulePoll(n >= PAGE ? 0 : pollInterval))
        .catch((error: unknown) => {
          logger.error({ err: error }, 'event poll failed');
          schedulePoll(pollInterval);
        });
    }, delay);
    pollTimer.unref?.();
  };

  const streamFor = (subscriber: Subscriber<EventType>): StreamWorker => {
    let worker = streams.get(subscriber.name);
    if (!worker) {
      worker = createStreamWorker({
        store: opts.store,
        leases,
        clock,
        instanceId,
        subscriber,
        pollIntervalMs: pollInterval,
        leaseTtlMs: claimTtl / 2,
        retry: retryOf(subscriber),
        signal: shutdown.signal,
        logger,
        readEvent: (productId, id) => events().read(id, productId),
        recordDelivery: claims.recordSequential,
        report,
      });
      streams.set(subscriber.name, worker);
    }
    return worker;
  };

  const prepare = (type: EventType, payload: unknown, options: EmitOptions): Prepared =>
    prepareEvent(
      {
        subscribers: () => subscribers.values(),
        now: clock,
        claimTtl,
        nextSeq,
        claimIfLocal: (hasConcurrent) =>
          dispatching && !stopped && hasConcurrent && claimed.size < maxBacklog ? claims.newClaim() : null,
      },
      type,
      payload,
      options,
    );

  /** After the event is stored: tell observers, dispatch what this process claimed, wake the streams. */
  const started = ({ doc, claim, queueItems }: Started) => {
    for (const o of observers) o.emitted?.({ type: doc.type, productId: doc.productId, payload: doc.data });
    if (claim) take([{ doc, claim, renewedAt: clock() }]);
    for (const item of queueItems) {
      const subscriber = subscribers.get(item.subscriber);
      if (subscriber) streamFor(subscriber).notify();
    }
  };

  const bus: DurableBus = {
    instanceId,

    async emit(type, payload, options) {
      const prepared = prepare(type, payload, options);
      // Queue items first: an item whose event never got written is dropped by its stream, never the reverse.
      await Promise.all(prepared.queueItems.map((item) => queueWrites.create(item)));
      const stored = await eventWrites.create(prepared.doc);
      started({ ...prepared, doc: stored });
      return toEnvelope(stored) as PlatformEvent<typeof type>;
    },

    stage(type, payload, options) {
      return createStagedEvents(prepare, started).and(type, payload, options);
    },

    subscribe(subscriber) {
      const s = subscriber as unknown as Subscriber<EventType>;
      if (!/^[a-z0-9][a-z0-9._-]{0,62}$/.test(s.name)) throw new Error(`Invalid subscriber name '${s.name}'`);
      if (subscribers.has(s.name)) throw new Error(`Subscriber '${s.name}' is already registered`);
      subscribers.set(s.name, s);
      if (s.sequential) streamFor(s);
    },

    subscribers: () => [...subscribers.values()].map(describeSubscriber),

    async drain() {
      for (;;) {
        if (running > 0 || queue.length > 0) await new Promise<void>((resolve) => idleWaiters.push(resolve));
        await Promise.all([eventWrites.idle(), queueWrites.idle()]);
        await Promise.all([...streams.values()].map((w) => w.idle()));
        if (running === 0 && queue.length === 0) return;
      }
    },

    start() {
      if (!dispatching) return;
      stopped = false;
      schedulePoll(0);
      renewTimer = setInterval(() => {
        claims
          .renew(claimed.values())
          .catch((error: unknown) => logger.error({ err: error }, 'claim renewal failed'));
      }, claimTtl / 3);
      renewTimer.unref?.();
      for (const worker of streams.values()) worker.start();
    },

    async stop() {
      stopped = true;
      clearTimeout(pollTimer);
      clearInterval(renewTimer);
      // Hand back what has not started so another dispatcher can take it at once.
      const waiting = queue.splice(0);
      await Promise.all(
        waiting.map(async (job) => {
          claimed.delete(job.doc.id);
          await claims.release(job);
        }),
      );
      await Promise.all([...streams.values()].map((w) => w.stop()));
      const deadline = setTimeout(
        () => shutdown.abort(new Error('dispatcher stopped')),
        opts.stopGraceMs ?? 10_000,
      );
      deadline.unref?.();
      if (running > 0) await new Promise<void>((resolve) => idleWaiters.push(resolve));
      clearTimeout(deadline);
      // Events taken while the last deliveries ran (a poll or an emit in flight) go back as well.
      await Promise.all(
        queue.splice(0).map(async (job) => {
          claimed.delete(job.doc.id);
          await claims.release(job);
        }),
      );
      await Promise.all([eventWrites.idle(), queueWrites.idle()]);
    },

    pollOnce,
    relayOnce,

    observe(observer) {
      observers.add(observer);
      return () => observers.delete(observer);
    },

    async pollStreams() {
      await Promise.all([...streams.values()].map((w) => w.pollOnce()));
    },
  };
  return bus;
};
