import type { DocumentStore, Outbox, Stored } from '@bytelyst/db/document-store';
import { isStoreError } from '@bytelyst/db/document-store';
import { createWriteBatcher } from '@bytelyst/events/write-batcher';
import { WEBHOOK_CONTAINERS } from './containers';
import type { TWebhookAttempt, TWebhookEndpoint, TWebhookMessageStatus, TWebhookRecovery } from './schema';

export type EndpointDoc = Omit<TWebhookEndpoint, 'publicKey'> & {
  /** secretBox-sealed under `webhook:<productId>:<id>`: a `whsec_` or `whsk_` value. */
  secretSealed: string;
  /** The rotated-out secret, sealed the same way, while it still signs (until previousSecretExpiresAt). */
  previousSecretSealed: string | null;
  publicKey: string | null;
  createdBy: string;
};

export type MessageTrigger = TWebhookAttempt['trigger'];

export type MessageDoc = {
  /** `messageId:endpointId`. */
  id: string;
  messageId: string;
  endpointId: string;
  productId: string;
  /** yyyyMM of the event's time: with endpointId, the partition. */
  month: string;
  eventType: string;
  eventAt: string;
  /** The exact body every attempt sends. */
  body: string;
  status: TWebhookMessageStatus;
  attempts: TWebhookAttempt[];
  attemptCount: number;
  /** Attempts since the message was last (re)queued by hand: retries stop when it passes the limit. */
  runAttempts: number;
  /**
   * When the next attempt is due (ISO). While a process holds the message (`claim` set) this is the claim's
   * expiry, so a message whose holder died is due again when its claim lapses; null once settled.
   */
  nextAttemptAt: string | null;
  claim: string | null;
  /** What the next attempt is for (the log shows it). */
  nextTrigger: MessageTrigger;
  lastResponseCode: number | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
};

export type RecoveryDoc = TWebhookRecovery & {
  productId: string;
  /** Where the run has got to: the month index and the store's continuation within it. */
  cursor: { month: number; continuation: string | null };
  createdBy: string;
};

/** Attempts kept per message (the first and the latest ones); the count keeps going. */
export const MAX_ATTEMPTS_KEPT = 20;
export const MAX_ENDPOINTS = 100;

const monthKey = (iso: string) => iso.slice(0, 7).replace('-', '');

/** The partition of an endpoint's messages of the month of `iso`. */
export const messagePartition = (endpointId: string, iso: string) => `${endpointId}:${monthKey(iso)}`;
export const messageDocId = (messageId: string, endpointId: string) => `${messageId}:${endpointId}`;

/** yyyy-mm of every month from `fromIso` to `toIso`, oldest first. */
export const monthsBetween = (fromIso: string, toIso: string): string[] => {
  const out: string[] = [];
  let year = Number(fromIso.slice(0, 4));
  let month = Number(fromIso.slice(5, 7));
  const endYear = Number(toIso.slice(0, 4));
  const endMonth = Number(toIso.slice(5, 7));
  while (year < endYear || (year === endYear && month <= endMonth)) {
    out.push(`${year}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return out;
};

export type MessageFilter = {
  status?: TWebhookMessageStatus;
  eventType?: string;
  since?: string;
  until?: string;
};

const whereOf = (filter: MessageFilter) => ({
  ...(filter.status ? { status: { eq: filter.status } } : {}),
  ...(filter.eventType ? { eventType: { eq: filter.eventType } } : {}),
  ...(filter.since || filter.until
    ? {
        eventAt: {
          ...(filter.since ? { gte: filter.since } : {}),
          ...(filter.until ? { lt: filter.until } : {}),
        },
      }
    : {}),
});

export const createWebhooksRepository = (store: DocumentStore) => {
  const endpoints = () => store.container<EndpointDoc>(WEBHOOK_CONTAINERS.webhookSubscriptions.name);
  const messages = () => store.container<MessageDoc>(WEBHOOK_CONTAINERS.webhookDeliveries.name);
  const recoveries = () => store.container<RecoveryDoc>(WEBHOOK_CONTAINERS.webhookRecoveries.name);
  // Every message is created once and replaced at least once per attempt: writes of the same moment to one
  // endpoint's month share a transaction (each still conditional, each caller gets its own outcome).
  const messageWrites = createWriteBatcher(messages);
  return {
    getEndpoint: (productId: string, id: string) => endpoints().read(id, productId),
    createEndpoint: (doc: EndpointDoc, outbox: Outbox) => endpoints().create(doc, { outbox }),
    replaceEndpoint: (doc: EndpointDoc, ifMatch: string, outbox?: Outbox) =>
      endpoints().replace(doc, { ifMatch, ...(outbox ? { outbox } : {}) }),
    mutateEndpoint: (
      productId: string,
      id: string,
      change: (current: Stored<EndpointDoc>) => EndpointDoc | null,
      outbox?: (next: EndpointDoc, current: Stored<EndpointDoc>) => Outbox | undefined,
    ) => endpoints().mutate(id, productId, change, outbox ? { outbox } : {}),
    deleteEndpoint: (productId: string, id: string, ifMatch: string, outbox: Outbox) =>
      endpoints().delete(id, productId, { ifMatch, outbox }),
    /** A product has at most MAX_ENDPOINTS endpoints: one page holds them all. */
    async listEndpoints(productId: string): Promise<Stored<EndpointDoc>[]> {
      const page = await endpoints().query({
        partitionKey: productId,
        orderBy: [{ field: 'createdAt', direction: 'asc' }],
        limit: MAX_ENDPOINTS,
      });
      return page.items;
    },
    countEndpoints: (productId: string) => endpoints().count({ partitionKey: productId }),

    getMessage: (endpointId: string, month: string, id: string) =>
      messages().read(id, `${endpointId}:${month}`),
    /** Creates a message; undefined when it exists already (a redelivered event). */
    async createMessage(doc: MessageDoc): Promise<Stored<MessageDoc> | undefined> {
      try {
        return await messageWrites.create(doc);
      } catch (error) {
        if (isStoreError(error, 'conflict')) return undefined;
        throw error;
      }
    },
    mutateMessage: (
      doc: Pick<MessageDoc, 'id' | 'endpointId' | 'month'>,
      change: (current: Stored<MessageDoc>) => MessageDoc | null,
    ) => messages().mutate(doc.id, `${doc.endpointId}:${doc.month}`, change),
    /** Replaces a message read at `ifMatch`; false when someone else wrote it first. */
    async replaceMessage(doc: MessageDoc, ifMatch: string): Promise<Stored<MessageDoc> | false> {
      try {
        return await messageWrites.replace(doc, ifMatch);
      } catch (error) {
        if (isStoreError(error, 'precondition_failed') || isStoreError(error, 'not_found')) return false;
        throw error;
      }
    },
    /**
     * Messages waiting for an attempt whose time has come (or whose holder's claim lapsed): pending ones first,
     * then retries, each oldest first. One query over both statuses: with `status` fixed by `eq`, sqlite sorts
     * every due row before it applies the limit (a backlog of 50,000 took 120 ms a poll); with `in` it walks the
     * (status, nextAttemptAt) index in order and stops at the limit (3 ms).
     */
    async dueMessages(nowIso: string, limit: number): Promise<Stored<MessageDoc>[]> {
      const page = await messages().query({
        where: { status: { in: ['pending', 'retrying'] }, nextAttemptAt: { lte: nowIso } },
        orderBy: [
          { field: 'status', direction: 'asc' },
          { field: 'nextAttemptAt', direction: 'asc' },
        ],
        limit,
      });
      return page.items;
    },
    /** One page of an endpoint's messages in one month, newest (or oldest) first. */
    messagesOfMonth: (
      endpointId: string,
      month: string,
      filter: MessageFilter,
      opts: { direction: 'asc' | 'desc'; limit: number; continuation?: string | null },
    ) =>
      messages().query({
        partitionKey: `${endpointId}:${month.replace('-', '')}`,
        where: whereOf(filter),
        orderBy: [{ field: 'eventAt', direction: opts.direction }],
        limit: opts.limit,
        ...(opts.continuation ? { continuation: opts.continuation } : {}),
      }),
    /** How many of an endpoint's messages of one month since `since` are in one of `statuses`. */
    countOfMonth: (endpointId: string, month: string, since: string, statuses: TWebhookMessageStatus[]) =>
      messages().count({
        partitionKey: `${endpointId}:${month.replace('-', '')}`,
        where: { status: { in: statuses }, eventAt: { gte: since } },
      }),
    /** Every endpoint's copy of one message (an event fans out to at most MAX_ENDPOINTS). */
    async copiesOf(messageId: string): Promise<Stored<MessageDoc>[]> {
      const page = await messages().query({
        where: { messageId: { eq: messageId } },
        limit: MAX_ENDPOINTS,
      });
      return page.items;
    },

    createRecovery: (doc: RecoveryDoc, outbox: Outbox) => recoveries().create(doc, { outbox }),
    getRecovery: (productId: string, id: string) => recoveries().read(id, productId),
    mutateRecovery: (
      productId: string,
      id: string,
      change: (current: Stored<RecoveryDoc>) => RecoveryDoc | null,
    ) => recoveries().mutate(id, productId, change),
    async listRecoveries(productId: string, endpointId: string): Promise<Stored<RecoveryDoc>[]> {
      const page = await recoveries().query({
        partitionKey: productId,
        where: { endpointId: { eq: endpointId } },
        orderBy: [{ field: 'createdAt', direction: 'desc' }],
        limit: 20,
      });
      return page.items;
    },
  };
};

export type WebhooksRepository = ReturnType<typeof createWebhooksRepository>;
