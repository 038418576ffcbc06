import { randomBytes } from 'node:crypto';
import type { Clock, Stored } from '@bytelyst/db/document-store';
import { withoutSystemFields } from '@bytelyst/db/document-store';
import type { RateCounters } from '@bytelyst/db/rate-counters';
import type { BusLogger } from '@bytelyst/events/logger';
import type { EndpointDoc, MessageDoc, WebhooksRepository } from './repository';
import { MAX_ATTEMPTS_KEPT } from './repository';
import { retryDelayMs, type SendOutcome, type SendTarget, sendOnce, type WebhookTransport } from './send';

/**
 * The delivery engine: per-endpoint queues in this process, so one slow receiver never holds back another.
 *
 * A message is attempted by the process that holds it. Holding is a claim written on the message: `claim`
 * names the holder and `nextAttemptAt` is pushed to the claim's expiry, so a message whose holder died is due
 * again when the claim lapses and any process's poll takes it (at least once; a duplicate carries the same
 * `webhook-id`). The fan-out creates fresh messages already claimed by this process and hands them over
 * directly; the poll takes retries that fall due and messages whose claim lapsed. Each attempt ends in one
 * write, conditional on the etag of the claim, so of two holders only one records its result.
 */

export type EngineEndpoint = { doc: Stored<EndpointDoc>; target: SendTarget };

export type EndpointHealth = {
  /** A message succeeded: resets the failure count (and a failing state). */
  succeeded(endpoint: Stored<EndpointDoc>): Promise<void>;
  /** A message used up its retries. */
  exhausted(endpoint: Stored<EndpointDoc>, error: string): Promise<void>;
  /** The receiver answered 410 Gone: disable at once. */
  gone(endpoint: Stored<EndpointDoc>, error: string): Promise<void>;
};

export type EngineDeps = {
  repo: WebhooksRepository;
  clock: Clock;
  random: () => number;
  transport: WebhookTransport;
  rateCounters: RateCounters;
  logger: BusLogger;
  /** The endpoint and its opened secrets; undefined when it was deleted. */
  endpoint(productId: string, endpointId: string): Promise<EngineEndpoint | undefined>;
  health: EndpointHealth;
  maxRetries: number;
  timeoutMs: number;
  endpointConcurrency: number;
  totalConcurrency: number;
  pollIntervalMs: number;
  instanceId: string;
};

type Lane = { queue: Stored<MessageDoc>[]; active: number };

/** What an attempt observer hears: the verdict of one HTTP attempt (test sends excluded) and its duration. */
export type AttemptObserver = (attempt: { verdict: SendOutcome['verdict']; durationMs: number }) => void;

/** Messages held in one endpoint's local queue at most; more are created unclaimed for the poll to take. */
const LANE_CAP = 2000;
const POLL_PAGE = 500;

export const createDeliveryEngine = (deps: EngineDeps) => {
  const { repo, clock } = deps;
  const claimTtlMs = deps.timeoutMs * 2 + 5000;
  const prefix = `${deps.instanceId}:${randomBytes(4).toString('hex')}`;
  let counter = 0;
  const lanes = new Map<string, Lane>();
  const waiters = new Map<string, ((doc: Stored<MessageDoc> | undefined) => void)[]>();
  const idleWaiters: (() => void)[] = [];
  let active = 0;
  let queued = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopping = false;
  let polling: Promise<number> | undefined;
  const observers = new Set<AttemptObserver>();
  /**
   * Due messages may be waiting in the store beyond what this process holds (the fan-out found a lane full,
   * or a poll filled its page): polls then follow as soon as the lanes run low, not only on the timer.
   */
  let backlog = false;

  const iso = (ms: number) => new Date(ms).toISOString();
  const keyOf = (doc: Pick<MessageDoc, 'id' | 'endpointId'>) => `${doc.endpointId}/${doc.id}`;

  const lane = (endpointId: string): Lane => {
    let found = lanes.get(endpointId);
    if (!found) {
      found = { queue: [], active: 0 };
      lanes.set(endpointId, found);
    }
    return found;
  };

  const notify = (doc: Pick<MessageDoc, 'id' | 'endpointId'>, settled: Stored<MessageDoc> | undefined) => {
    const key = keyOf(doc);
    const list = waiters.get(key);
    if (!list) return;
    waiters.delete(key);
    for (const resolve of list) resolve(settled);
  };

  const checkIdle = () => {
    // A poll in flight may be about to hold messages: not idle until it has.
    if (active > 0 || queued > 0 || polling) return;
    for (const resolve of idleWaiters.splice(0)) resolve();
  };

  /** The fields that hold a message for this process, from now. */
  const claimFields = () => {
    counter += 1;
    return { claim: `${prefix}:${counter}`, nextAttemptAt: iso(clock() + claimTtlMs) };
  };

  /** Writes `next` over the held `doc`; undefined when another process took the message meanwhile. */
  const write = async (doc: Stored<MessageDoc>, next: MessageDoc) => {
    const saved = await repo.replaceMessage({ ...next, updatedAt: iso(clock()) }, doc._etag);
    if (!saved) deps.logger.warn({ messageId: doc.id }, 'webhook message was taken over; result dropped');
    return saved || undefined;
  };

  const base = (doc: Stored<MessageDoc>): MessageDoc => withoutSystemFields(doc);

  /** Settles an attempt's outcome on the message and the endpoint's health. */
  const settle = async (doc: Stored<MessageDoc>, endpoint: Stored<EndpointDoc>, outcome: SendOutcome) => {
    const now = clock();
    const isTest = doc.nextTrigger === 'test';
    const attempts = [...doc.attempts, outcome.attempt];
    const kept =
      attempts.length > MAX_ATTEMPTS_KEPT
        ? [attempts[0] as (typeof attempts)[number], ...attempts.slice(-(MAX_ATTEMPTS_KEPT - 1))]
        : attempts;
    const runAttempts = doc.runAttempts + 1;
    if (!isTest) {
      for (const observe of observers)
        observe({ verdict: outcome.verdict, durationMs: outcome.attempt.durationMs });
    }
    const common = {
      ...base(doc),
      attempts: kept,
      attemptCount: doc.attemptCount + 1,
      runAttempts,
      claim: null,
      lastResponseCode: outcome.attempt.responseCode,
      lastError: outcome.attempt.error,
    };
    if (outcome.verdict === 'success') {
      const saved = await write(doc, { ...common, status: 'succeeded', nextAttemptAt: null });
      if (saved && !isTest) await deps.health.succeeded(endpoint);
      return saved;
    }
    const error = outcome.attempt.error ?? 'failed';
    const retry = outcome.verdict === 'retry' && !isTest && runAttempts <= deps.maxRetries;
    if (retry) {
      const delay = Math.max(outcome.retryAfterMs ?? 0, retryDelayMs(runAttempts, deps.random));
      return write(doc, {
        ...common,
        status: 'retrying',
        nextAttemptAt: iso(now + delay),
        nextTrigger: 'retry',
      });
    }
    const saved = await write(doc, { ...common, status: 'failed', nextAttemptAt: null });
    if (saved && !isTest) {
      if (outcome.verdict === 'gone') await deps.health.gone(endpoint, error);
      else await deps.health.exhausted(endpoint, error);
    }
    return saved;
  };

  /** Ends a held message without an attempt (its endpoint is gone or disabled). */
  const drop = (doc: Stored<MessageDoc>, reason: string) =>
    write(doc, { ...base(doc), status: 'failed', claim: null, nextAttemptAt: null, lastError: reason });

  const run = async (held: Stored<MessageDoc>): Promise<Stored<MessageDoc> | undefined> => {
    let doc = held;
    const found = await deps.endpoint(doc.productId, doc.endpointId);
    if (!found) return drop(doc, 'the endpoint was deleted');
    if (!found.doc.enabled) return drop(doc, 'the endpoint is disabled');
    // Renew a claim that waited long in the queue, so it outlasts the attempt.
    if (Date.parse(doc.nextAttemptAt ?? '') - clock() < deps.timeoutMs + 2000) {
      const renewed = await write(doc, { ...base(doc), ...claimFields(), claim: doc.claim });
      if (!renewed) return undefined;
      doc = renewed;
    }
    const { rateLimit } = found.doc;
    if (rateLimit !== null) {
      const hit = await deps.rateCounters.hit(`webhook:${doc.endpointId}`, {
        limit: rateLimit,
        windowMs: 1000,
      });
      if (!hit.allowed) {
        // Over this endpoint's rate: due again when the window turns; no attempt is counted.
        return write(doc, { ...base(doc), claim: null, nextAttemptAt: iso(hit.resetAt) });
      }
    }
    const outcome = await sendOnce(deps.transport, found.target, doc, {
      now: clock,
      trigger: doc.nextTrigger,
    });
    return settle(doc, found.doc, outcome);
  };

  const pump = () => {
    if (stopping) return;
    let started = true;
    while (started && active < deps.totalConcurrency) {
      started = false;
      for (const [endpointId, l] of lanes) {
        if (active >= deps.totalConcurrency) break;
        if (l.active >= deps.endpointConcurrency) continue;
        const doc = l.queue.shift();
        if (!doc) {
          if (l.active === 0) lanes.delete(endpointId);
          continue;
        }
        started = true;
        queued -= 1;
        active += 1;
        l.active += 1;
        run(doc)
          .then(
            (settled) => notify(doc, settled),
            (error: unknown) => {
              deps.logger.error(
                { messageId: doc.id, err: String(error) },
                'webhook attempt failed to settle',
              );
              notify(doc, undefined);
            },
          )
          .finally(() => {
            active -= 1;
            l.active -= 1;
            pump();
            refill();
            checkIdle();
          });
      }
    }
  };

  const hold = (docs: readonly Stored<MessageDoc>[]) => {
    for (const doc of docs) {
      lane(doc.endpointId).queue.push(doc);
      queued += 1;
    }
    pump();
  };

  /** Takes due messages (retries, lapsed claims) as far as there is room; resolves with how many. */
  const pollOnce = async (): Promise<number> => {
    if (stopping) return 0;
    const room = deps.totalConcurrency * 4 - queued;
    if (room <= 0) return 0;
    const limit = Math.min(room, POLL_PAGE);
    const due = await repo.dueMessages(iso(clock()), limit);
    backlog = due.length >= limit;
    // Claimed together: the claims of one endpoint's month share a commit.
    const claimed = await Promise.all(
      due
        .filter((doc) => (lanes.get(doc.endpointId)?.queue.length ?? 0) < LANE_CAP)
        .map((doc) => repo.replaceMessage({ ...base(doc), ...claimFields() }, doc._etag)),
    );
    const taken = claimed.filter((doc): doc is Stored<MessageDoc> => doc !== false);
    hold(taken);
    return taken.length;
  };

  const pollSoon = () => {
    polling ??= pollOnce().finally(() => {
      polling = undefined;
      checkIdle();
    });
    return polling;
  };

  /** With a backlog in the store, the next page is taken once the lanes run low rather than on the timer. */
  const refill = () => {
    if (!backlog || stopping || polling || queued >= deps.totalConcurrency) return;
    pollSoon().catch((error: unknown) => deps.logger.error({ err: String(error) }, 'webhook poll failed'));
  };

  return {
    claimTtlMs,
    /** Tells `observer` of every attempt this process settles (metrics); returns an unsubscribe. */
    observeAttempts(observer: AttemptObserver): () => void {
      observers.add(observer);
      return () => observers.delete(observer);
    },
    /** The claim fields of a message this process will attempt itself; undefined when the lane is full. */
    claimFor(endpointId: string): { claim: string; nextAttemptAt: string } | undefined {
      if (stopping) return undefined;
      if ((lanes.get(endpointId)?.queue.length ?? 0) >= LANE_CAP) {
        backlog = true;
        return undefined;
      }
      return claimFields();
    },
    /** Messages this process holds (claimed with `claimFor`), to attempt as their endpoint has room. */
    hold,
    /** Resolves with the message once this process has settled its next attempt. */
    settled(doc: Pick<MessageDoc, 'id' | 'endpointId'>): Promise<Stored<MessageDoc> | undefined> {
      return new Promise((resolve) => {
        const key = keyOf(doc);
        waiters.set(key, [...(waiters.get(key) ?? []), resolve]);
      });
    },
    pollOnce: pollSoon,
    /** Resolves once nothing is queued or in flight in this process (a poll included). */
    whenIdle(): Promise<void> {
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        checkIdle();
      });
    },
    start() {
      if (timer) return;
      stopping = false;
      timer = setInterval(() => {
        pollSoon().catch((error: unknown) =>
          deps.logger.error({ err: String(error) }, 'webhook poll failed'),
        );
      }, deps.pollIntervalMs);
      timer.unref?.();
    },
    /** Stops taking work, hands back what was not started, waits (bounded) for attempts in flight. */
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      stopping = true;
      const handBack = [...lanes.values()].flatMap((l) => l.queue.splice(0));
      queued -= handBack.length;
      await Promise.all(
        handBack.map((doc) =>
          repo.replaceMessage({ ...base(doc), claim: null, nextAttemptAt: iso(clock()) }, doc._etag),
        ),
      );
      if (active === 0) return;
      // Attempts in flight end by their own timeout; wait for them, bounded by it.
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => idleWaiters.push(resolve)),
        new Promise<void>((resolve) => {
          timeout = setTimeout(resolve, deps.timeoutMs + 1000);
        }),
      ]);
      clearTimeout(timeout);
    },
    stats: () => ({ active, queued, lanes: lanes.size }),
  };
};

export type DeliveryEngine = ReturnType<typeof createDeliveryEngine>;
