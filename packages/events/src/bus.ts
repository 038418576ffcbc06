import type { Outbox } from '@bytelyst/db/document-store';
import {
  EVENT_DEFINITIONS,
  type EventPayload,
  type EventType,
  isEventType,
  type PlatformEvent,
} from './catalogue';

/**
 * The event bus contract, fulfilled by the durable bus (`durable-bus.ts`: persisted, at-least-once, shared by
 * several processes) and by the in-memory bus (`memory-bus.ts`: unit tests). Modules depend on this type only.
 */

export type EmitOptions = {
  productId: string;
  /** Who caused the event: a user id, or null/absent for the system. */
  actorId?: string | null;
};

export type HandlerContext = {
  /** 1 on the first delivery of this event to this subscriber. */
  attempt: number;
  /** Aborted when the attempt times out or the process shuts down. */
  signal: AbortSignal;
  subscriber: string;
  /** `subscriber:eventId`: the same on every redelivery, so side effects can be made idempotent on it. */
  idempotencyKey: string;
};

export type Subscriber<K extends EventType = EventType> = {
  /** Unique; stored with every delivery, so renaming a subscriber orphans its pending deliveries. */
  name: string;
  /** The event types it receives, or '*' for all. */
  events: readonly K[] | '*';
  description?: string;
  /**
   * Subscribers of one event run in groups of equal priority, higher first; a group starts when the one before
   * it has settled (succeeded or failed this attempt). Default 0.
   */
  priority?: number;
  /**
   * Deliver this subscriber's events of one product one at a time, in emit order; a failing event holds back
   * the later ones until it succeeds or is dead-lettered. Default false (concurrent).
   */
  sequential?: boolean;
  /** Attempts before the delivery is dead-lettered. Default 8. */
  maxAttempts?: number;
  /** Per attempt; the signal is aborted and the attempt fails when it passes. Default 30 s. */
  timeoutMs?: number;
  handle(event: PlatformEvent<K>, ctx: HandlerContext): Promise<void>;
};

export type SubscriberInfo = {
  name: string;
  events: readonly string[] | '*';
  description: string;
  priority: number;
  sequential: boolean;
  maxAttempts: number;
  timeoutMs: number;
};

/**
 * Events staged for one write: hand it to that write as its `outbox` (every DocumentStore write takes one)
 * and the events are recorded in the same commit as the change, so a crash never keeps one without the
 * other. Once the write commits, delivery starts as after `emit`.
 */
export type StagedEvents = Outbox & {
  /** Stages one more event for the same write. */
  and<K extends EventType>(type: K, payload: EventPayload<K>, options: EmitOptions): StagedEvents;
  /** The events as subscribers will receive them (ids included), in staging order. */
  readonly events: readonly PlatformEvent[];
};

export type EventBus = {
  /**
   * Validates the payload (throwing EventPayloadError) and stages the event for a write; see StagedEvents.
   * The way to emit an event that reports a change of stored state.
   */
  stage<K extends EventType>(type: K, payload: EventPayload<K>, options: EmitOptions): StagedEvents;
  /**
   * Validates the payload against the catalogue, persists the event and returns it; delivery to the
   * subscribers follows. Once this resolves the event survives a crash of this process. For events that
   * report no change of their own (a job's outcome, a report); a change's events go through `stage`.
   */
  emit<K extends EventType>(
    type: K,
    payload: EventPayload<K>,
    options: EmitOptions,
  ): Promise<PlatformEvent<K>>;
  /** Registers a subscriber; do it before the first emit (events record their subscribers when emitted). */
  subscribe<K extends EventType>(subscriber: Subscriber<K>): void;
  subscribers(): SubscriberInfo[];
  /** Resolves once everything this process has taken on is settled or scheduled for a later attempt. */
  drain(): Promise<void>;
};

/** What a bus tells observers (metrics); observers must not throw. */
export type BusObserver = {
  /** `payload` as stored (catalogue-checked): metrics read bounded fields from it, such as a channel. */
  emitted?(event: { type: string; productId: string; payload: unknown }): void;
  attempted?(attempt: {
    subscriber: string;
    type: string;
    outcome: 'succeeded' | 'retrying' | 'dead';
    durationMs: number;
  }): void;
};

/** Thrown by `emit` when the payload does not match the catalogue: a programming error, never user input. */
export class EventPayloadError extends Error {
  readonly issues: { path: string; message: string }[];
  constructor(type: string, issues: { path: string; message: string }[]) {
    super(`Invalid payload for event '${type}': ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'EventPayloadError';
    this.issues = issues;
  }
}

/** The payload as the catalogue's schema parses it; throws EventPayloadError naming each bad field. */
export const parseEventPayload = <K extends EventType>(type: K, payload: unknown): EventPayload<K> => {
  if (!isEventType(type)) throw new EventPayloadError(String(type), [{ path: 'type', message: 'unknown' }]);
  const parsed = EVENT_DEFINITIONS[type].payload.safeParse(payload);
  if (!parsed.success) {
    throw new EventPayloadError(
      type,
      parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(payload)', message: i.message })),
    );
  }
  return parsed.data as EventPayload<K>;
};

export const DEFAULT_MAX_ATTEMPTS = 8;
export const DEFAULT_HANDLER_TIMEOUT_MS = 30_000;

export const describeSubscriber = (s: Subscriber<EventType>): SubscriberInfo => ({
  name: s.name,
  events: s.events,
  description: s.description ?? '',
  priority: s.priority ?? 0,
  sequential: s.sequential ?? false,
  maxAttempts: s.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
  timeoutMs: s.timeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS,
});

export const subscribesTo = (s: Pick<Subscriber<EventType>, 'events'>, type: string): boolean =>
  s.events === '*' || (s.events as readonly string[]).includes(type);
