import type { EventType, PlatformEvent } from './catalogue';

/**
 * The persisted form of an event (container `events`, pk productId): the envelope, then each subscriber's
 * delivery state. One document per event keeps the common path to two writes (emit, settle) however many
 * subscribers there are.
 */

export type DeliveryStatus = 'pending' | 'retrying' | 'succeeded' | 'dead';

export type DeliveryAttempt = { attempt: number; at: string; durationMs: number; error: string | null };

export type Delivery = {
  status: DeliveryStatus;
  sequential: boolean;
  priority: number;
  attempts: number;
  /** Epoch ms of the next attempt while pending or retrying; null once settled. */
  nextAttemptAt: number | null;
  lastError: string | null;
  /** ISO time of the last attempt's end. */
  lastAttemptAt: string | null;
  /** The latest attempts, oldest first, at most HISTORY_LIMIT. */
  history: DeliveryAttempt[];
};

export type EventStatus = 'pending' | 'delivered' | 'dead_lettered';

export type EventDoc = {
  id: string;
  type: EventType;
  version: number;
  productId: string;
  actorId: string | null;
  /** ISO time of the emit. */
  at: string;
  /** Emit order: zero-padded epoch ms, the emitting instance, its counter. Sorts as the emits happened. */
  seq: string;
  data: Record<string, unknown>;
  /** 'dead_lettered' as soon as one delivery is dead, even while others still retry. */
  status: EventStatus;
  /** Subscribers whose delivery is dead, so dead letters can be filtered by subscriber in the query. */
  deadSubscribers: string[];
  /**
   * When a dispatcher should next look at the concurrent deliveries: the earliest retry, or the expiry of the
   * current claim. Null when none is open. Dispatchers poll on this field alone.
   */
  dueAt: number | null;
  /** The dispatcher claim (unique per claim) that owns the open concurrent deliveries until `dueAt`. */
  claim: string | null;
  deliveries: Record<string, Delivery>;
};

export const HISTORY_LIMIT = 10;
export const ERROR_LIMIT = 2000;

export const isOpen = (d: Delivery): boolean => d.status === 'pending' || d.status === 'retrying';

/** Status and poll time that follow from the deliveries; the claim's expiry wins while a claim is held. */
export const summarize = (
  deliveries: Record<string, Delivery>,
  claimUntil: number | null,
): Pick<EventDoc, 'status' | 'dueAt' | 'deadSubscribers'> => {
  const all = Object.values(deliveries);
  let dueAt: number | null = null;
  for (const d of all) {
    if (!isOpen(d) || d.sequential) continue;
    const at = d.nextAttemptAt ?? 0;
    dueAt = dueAt === null ? at : Math.min(dueAt, at);
  }
  if (claimUntil !== null && dueAt !== null) dueAt = Math.max(dueAt, claimUntil);
  const deadSubscribers = Object.entries(deliveries)
    .filter(([, d]) => d.status === 'dead')
    .map(([name]) => name);
  const status: EventStatus =
    deadSubscribers.length > 0 ? 'dead_lettered' : all.some(isOpen) ? 'pending' : 'delivered';
  return { status, dueAt, deadSubscribers };
};

export const newDelivery = (sequential: boolean, priority: number, now: number): Delivery => ({
  status: 'pending',
  sequential,
  priority,
  attempts: 0,
  nextAttemptAt: now,
  lastError: null,
  lastAttemptAt: null,
  history: [],
});

export const errorText = (error: unknown): string => {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > ERROR_LIMIT ? `${text.slice(0, ERROR_LIMIT)}…` : text;
};

/** Retry delay after `attempt` failed: exponential from `baseMs`, capped, with jitter in [50%, 100%]. */
export const backoffMs = (attempt: number, baseMs: number, maxMs: number, random: () => number): number => {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp * (0.5 + random() * 0.5));
};

/** The delivery after one attempt. */
export const afterAttempt = (
  d: Delivery,
  outcome: { ok: boolean; error: string | null; startedAt: number; finishedAt: number },
  retry: { maxAttempts: number; baseMs: number; maxMs: number; random: () => number },
): Delivery => {
  const attempt = d.attempts + 1;
  const entry: DeliveryAttempt = {
    attempt,
    at: new Date(outcome.startedAt).toISOString(),
    durationMs: Math.max(0, outcome.finishedAt - outcome.startedAt),
    error: outcome.error,
  };
  const history = [...d.history, entry].slice(-HISTORY_LIMIT);
  const lastAttemptAt = new Date(outcome.finishedAt).toISOString();
  if (outcome.ok) {
    return { ...d, status: 'succeeded', attempts: attempt, nextAttemptAt: null, history, lastAttemptAt };
  }
  const dead = attempt >= retry.maxAttempts;
  return {
    ...d,
    status: dead ? 'dead' : 'retrying',
    attempts: attempt,
    nextAttemptAt: dead
      ? null
      : outcome.finishedAt + backoffMs(attempt, retry.baseMs, retry.maxMs, retry.random),
    lastError: outcome.error,
    history,
    lastAttemptAt,
  };
};

/** The event as subscribers receive it. */
export const toEnvelope = (doc: EventDoc): PlatformEvent =>
  ({
    id: doc.id,
    type: doc.type,
    version: doc.version,
    productId: doc.productId,
    at: doc.at,
    actorId: doc.actorId,
    data: doc.data,
  }) as PlatformEvent;
