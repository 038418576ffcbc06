import { type Clock, type Stored, withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus, Subscriber } from '@bytelyst/events/bus';
import {
  EVENT_DEFINITIONS,
  isEventType,
  type PlatformEvent,
  PUBLIC_EVENT_TYPES,
} from '@bytelyst/events/catalogue';
import { AppError } from '../../app-error';
import { randomId } from '../../lib/crypto';
import { isoNow } from '../../lib/time';
import type { EndpointsService } from './endpoints';
import type { DeliveryEngine } from './engine';
import { matchesFilter } from './event-types';
import {
  type EndpointDoc,
  type MessageDoc,
  type MessageTrigger,
  messageDocId,
  monthsBetween,
  type WebhooksRepository,
} from './repository';
import type { TWebhookAttemptsInput, TWebhookHealth, TWebhookMessage } from './schema';

export const toMessage = (doc: Stored<MessageDoc> | MessageDoc): TWebhookMessage => ({
  id: doc.id,
  messageId: doc.messageId,
  endpointId: doc.endpointId,
  eventType: doc.eventType,
  eventAt: doc.eventAt,
  // A held message is still waiting; its nextAttemptAt is the claim's expiry.
  status: doc.status,
  attemptCount: doc.attemptCount,
  nextAttemptAt: doc.nextAttemptAt,
  lastResponseCode: doc.lastResponseCode,
  lastError: doc.lastError,
  createdAt: doc.createdAt,
  updatedAt: doc.updatedAt,
});

export const toMessageDetail = (doc: Stored<MessageDoc> | MessageDoc) => ({
  ...toMessage(doc),
  body: doc.body,
  attempts: doc.attempts,
});

/** The body every receiver gets: the event's type, time and payload (Standard Webhooks' shape). */
export const messageBody = (type: string, at: string, data: unknown) =>
  JSON.stringify({ type, timestamp: at, data });

const month = (iso: string) => iso.slice(0, 7).replace('-', '');

type Cursor = { m: number; c: string | null };
const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');
const decodeCursor = (text: string | undefined): Cursor => {
  if (!text) return { m: 0, c: null };
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString()) as Cursor;
    if (typeof parsed.m === 'number' && (parsed.c === null || typeof parsed.c === 'string')) return parsed;
  } catch {}
  throw new AppError('VALIDATION', 'Bad cursor', { fields: [{ path: 'cursor', message: 'Not a cursor' }] });
};

/** Messages are kept 30 days: at most this month and the two before hold any. */
const RETAINED_MONTHS = 3;

export type MessagesDeps = {
  repo: WebhooksRepository;
  clock: Clock;
  bus: EventBus;
  engine: DeliveryEngine;
  endpoints: EndpointsService;
};

export const createMessagesService = (deps: MessagesDeps) => {
  const { repo, clock, engine, endpoints } = deps;

  const newMessage = (
    endpoint: EndpointDoc,
    event: { id: string; type: string; at: string; body: string },
    trigger: MessageTrigger,
  ): MessageDoc => {
    const now = isoNow(clock);
    const claim = engine.claimFor(endpoint.id);
    return {
      id: messageDocId(event.id, endpoint.id),
      messageId: event.id,
      endpointId: endpoint.id,
      productId: endpoint.productId,
      month: month(event.at),
      eventType: event.type,
      eventAt: event.at,
      body: event.body,
      status: 'pending',
      attempts: [],
      attemptCount: 0,
      runAttempts: 0,
      // Held by this process when its lane has room; otherwise due now, for any process's poll.
      claim: claim?.claim ?? null,
      nextAttemptAt: claim?.nextAttemptAt ?? now,
      nextTrigger: trigger,
      lastResponseCode: null,
      lastError: null,
      createdAt: now,
      updatedAt: now,
    };
  };

  /** Creates the messages (existing ones are left as they are) and attempts those this process holds. */
  const createAndHold = async (docs: MessageDoc[]) => {
    const created = await Promise.all(docs.map((doc) => repo.createMessage(doc)));
    const held = created.filter((doc): doc is Stored<MessageDoc> => doc !== undefined && doc.claim !== null);
    engine.hold(held);
    if (held.length < created.filter(Boolean).length) void engine.pollOnce();
    return created;
  };

  /**
   * Puts a message back in the queue: a fresh run of retries, held by this process when its lane has room
   * (else due at `dueAt` for any poll). With `wait`, resolves once this process has settled the attempt.
   */
  const requeue = async (
    doc: Stored<MessageDoc>,
    trigger: MessageTrigger,
    dueAt: string,
    opts: { wait?: boolean } = {},
  ) => {
    const claim = engine.claimFor(doc.endpointId);
    const saved = await repo.replaceMessage(
      {
        ...withoutSystemFields(doc),
        status: 'pending',
        runAttempts: 0,
        nextTrigger: trigger,
        claim: claim?.claim ?? null,
        nextAttemptAt: claim?.nextAttemptAt ?? dueAt,
        updatedAt: isoNow(clock),
      },
      doc._etag,
    );
    if (!saved || saved.claim === null) return saved;
    const settled = opts.wait ? engine.settled(saved) : undefined;
    engine.hold([saved]);
    await settled;
    return saved;
  };

  /** Finds an endpoint's copy of a message by `messageId:endpointId`, in any retained month. */
  const findCopy = async (productId: string, id: string) => {
    const endpointId = id.slice(id.lastIndexOf(':') + 1);
    const endpoint = await endpoints.load(productId, endpointId);
    const now = clock();
    for (let back = 0; back < RETAINED_MONTHS; back += 1) {
      const at = new Date(Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth() - back, 1));
      const doc = await repo.getMessage(endpoint.id, month(at.toISOString()), id);
      if (doc) return doc;
    }
    throw new AppError('NOT_FOUND', `Webhook message '${id}' not found`);
  };

  const fanout: Subscriber = {
    name: 'webhooks.fanout',
    events: PUBLIC_EVENT_TYPES,
    description:
      'Creates one webhook message per endpoint whose filter matches a public event, then attempts each (signed, retried, per-endpoint queues).',
    async handle(event: PlatformEvent) {
      const targets = (await endpoints.list(event.productId)).filter(
        (endpoint) => endpoint.enabled && matchesFilter(endpoint.eventTypes, event.type),
      );
      if (targets.length === 0) return;
      const body = messageBody(event.type, event.at, event.data);
      await createAndHold(
        targets.map((endpoint) =>
          newMessage(endpoint, { id: event.id, type: event.type, at: event.at, body }, 'scheduled'),
        ),
      );
    },
  };

  return {
    fanout,
    findCopy,
    requeue,
    async detail(productId: string, id: string) {
      return toMessageDetail(await findCopy(productId, id));
    },
    /** An endpoint's messages, newest first, across the retained months. */
    async list(productId: string, input: TWebhookAttemptsInput) {
      await endpoints.load(productId, input.id);
      const now = clock();
      const months = monthsBetween(new Date(now - 95 * 86_400_000).toISOString(), new Date(now).toISOString())
        .reverse()
        .slice(0, RETAINED_MONTHS);
      const cursor = decodeCursor(input.cursor);
      const items: TWebhookMessage[] = [];
      let m = cursor.m;
      let continuation = cursor.c;
      while (m < months.length && items.length < input.limit) {
        const page = await repo.messagesOfMonth(input.id, months[m] ?? '', input, {
          direction: 'desc',
          limit: input.limit - items.length,
          continuation,
        });
        items.push(...page.items.map(toMessage));
        if (page.continuation) continuation = page.continuation;
        else {
          m += 1;
          continuation = null;
        }
      }
      return { items, nextCursor: m < months.length ? encodeCursor({ m, c: continuation }) : null };
    },
    /** Health from the endpoint's last 50 attempts. */
    async health(productId: string, endpointId: string): Promise<TWebhookHealth> {
      const now = clock();
      const months = monthsBetween(
        new Date(now - 35 * 86_400_000).toISOString(),
        new Date(now).toISOString(),
      ).reverse();
      const outcomes: { at: string; ok: 0 | 1 }[] = [];
      for (const m of months) {
        const page = await repo.messagesOfMonth(endpointId, m, {}, { direction: 'desc', limit: 50 });
        for (const doc of page.items) {
          if (doc.productId !== productId) continue;
          for (const attempt of doc.attempts)
            outcomes.push({ at: attempt.at, ok: attempt.succeeded ? 1 : 0 });
        }
        if (outcomes.length >= 50) break;
      }
      const recent = outcomes
        .sort((a, b) => (a.at < b.at ? -1 : 1))
        .slice(-50)
        .map((o) => o.ok);
      const succeeded = recent.filter((ok) => ok === 1).length;
      const share = recent.length === 0 ? 0 : succeeded / recent.length;
      const level = recent.length === 0 ? 'none' : share >= 0.95 ? 'green' : share >= 0.5 ? 'yellow' : 'red';
      return { level, attempts: recent.length, succeeded, recent };
    },
    /** Sends the catalogue's example of `eventType` to one endpoint now, and answers with the attempt. */
    async sendTest(productId: string, endpointId: string, eventType: string) {
      const endpoint = await endpoints.load(productId, endpointId);
      if (!isEventType(eventType) || !EVENT_DEFINITIONS[eventType].public) {
        throw new AppError('VALIDATION', 'Not a public event type', {
          fields: [{ path: 'eventType', message: `One of: ${PUBLIC_EVENT_TYPES.join(', ')}` }],
        });
      }
      const definition: { example?: unknown } = EVENT_DEFINITIONS[eventType];
      const at = isoNow(clock);
      const id = `msg_test_${randomId(12)}`;
      const doc = newMessage(
        endpoint,
        { id, type: eventType, at, body: messageBody(eventType, at, definition.example ?? {}) },
        'test',
      );
      // A test is attempted here and now, whatever the lane holds.
      const held = {
        ...doc,
        claim: doc.claim ?? `test:${id}`,
        nextAttemptAt: new Date(clock() + engine.claimTtlMs).toISOString(),
      };
      const created = await repo.createMessage(held);
      if (!created) throw new AppError('CONFLICT', 'Try again');
      const settled = engine.settled(created);
      engine.hold([created]);
      return toMessageDetail((await settled) ?? created);
    },
    /** Sends a message again: to one endpoint, or to every endpoint it went to. */
    async resend(productId: string, messageId: string, endpointId?: string) {
      const copies = (await repo.copiesOf(messageId)).filter(
        (doc) => doc.productId === productId && (endpointId === undefined || doc.endpointId === endpointId),
      );
      if (copies.length === 0) throw new AppError('NOT_FOUND', `Webhook message '${messageId}' not found`);
      let queued = 0;
      for (const doc of copies) {
        if (await requeue(doc, 'resend', isoNow(clock))) queued += 1;
      }
      return { messageId, queued };
    },
    /** The messages one event produced with their attempts, for the event's timeline. */
    async ofEventDetailed(productId: string, eventId: string) {
      const copies = await repo.copiesOf(eventId);
      return copies.filter((doc) => doc.productId === productId).map(toMessageDetail);
    },
    /** The messages one event produced, for the event's page. */
    async ofEvent(productId: string, eventId: string) {
      const copies = await repo.copiesOf(eventId);
      return { items: copies.filter((doc) => doc.productId === productId).map(toMessage) };
    },
    /**
     * Sends an event again to every endpoint that matches it now: existing copies are queued again, endpoints
     * that never had it get a new copy.
     */
    async replayEvent(productId: string, event: { id: string; type: string; at: string; data: unknown }) {
      if (!isEventType(event.type) || !EVENT_DEFINITIONS[event.type].public) {
        throw new AppError('VALIDATION', `'${event.type}' is internal: webhooks never carry it`);
      }
      const copies = new Map((await repo.copiesOf(event.id)).map((doc) => [doc.endpointId, doc]));
      const targets = (await endpoints.list(productId)).filter(
        (endpoint) => endpoint.enabled && matchesFilter(endpoint.eventTypes, event.type),
      );
      const body = messageBody(event.type, event.at, event.data);
      let queued = 0;
      const fresh: MessageDoc[] = [];
      for (const endpoint of targets) {
        const existing = copies.get(endpoint.id);
        if (existing) {
          if (await requeue(existing, 'resend', isoNow(clock))) queued += 1;
        } else fresh.push(newMessage(endpoint, { ...event, body }, 'resend'));
      }
      queued += (await createAndHold(fresh)).filter(Boolean).length;
      return { messageId: event.id, queued };
    },
  };
};

export type MessagesService = ReturnType<typeof createMessagesService>;
