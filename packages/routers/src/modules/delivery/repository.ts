import type { DocumentStore, Filter, Outbox, Stored } from '@bytelyst/db/document-store';
import type { TEmailBrand } from '@bytelyst/emails/brand';
import type { TNotificationType } from '../notifications/schema';
import { DELIVERY_CONTAINERS } from './containers';
import { monthOf } from './log-entry';
import {
  DELIVERY_CHANNELS,
  type TDeliveryChannel,
  type TDeliveryListInput,
  type TDeliveryStatus,
  type THoldReason,
  type TPushContent,
} from './schema';

/** The same instant a month later (clamped by Date to the next month's length): the month after `iso`'s. */
const nextMonthIso = (iso: string) => {
  const at = new Date(iso);
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1)).toISOString();
};

export type TimelineItem = { status: TDeliveryStatus; at: string; detail: string | null; ref?: string };

export type DeliveryDoc = {
  id: string;
  productId: string;
  channel: TDeliveryChannel;
  /** yyyyMM of creation: with productId and channel, the partition. */
  month: string;
  userId: string | null;
  /** The address, or the device id of a push. */
  to: string;
  /** The email template, or the push type. */
  template: string;
  category: TNotificationType;
  transactional: boolean;
  /** The template's sender props (email), as requested; secret ones read `[sealed]` (see sealed-props.ts). */
  props: Record<string, unknown> | null;
  /** The secret props, sealed under ENCRYPTION_KEY for this entry; absent when there are none. */
  sealedProps?: string;
  push: TPushContent | null;
  /** A test send's own brand (the template editor's); null: the product's. */
  brand: TEmailBrand | null;
  status: TDeliveryStatus;
  /** When each status was first reached. */
  statusTimes: Partial<Record<TDeliveryStatus, string>>;
  timeline: TimelineItem[];
  provider: string | null;
  providerMessageId: string | null;
  fellBackFrom: string | null;
  providerResponse: string | null;
  idempotencyKey: string;
  test: boolean;
  subject: string | null;
  html: string | null;
  text: string | null;
  holdUntil: string | null;
  holdReason: THoldReason | null;
  attempts: number;
  error: string | null;
  /** The bus event whose subscriber made this send (indexed: an event's page lists what it sent); absent: none. */
  eventId?: string | null;
  eventSubscriber?: string | null;
  createdAt: string;
  updatedAt: string;
};

export type KeyDoc = {
  id: string;
  productId: string;
  requestHash: string;
  /** The first request's answer, committed with its log entries and events. */
  result: {
    deliveries: { id: string; channel: TDeliveryChannel; status: TDeliveryStatus; to: string }[];
  };
  createdAt: string;
};

export type SuppressionDoc = {
  id: string;
  productId: string;
  email: string;
  reason: 'bounced' | 'dropped' | 'spam_report' | 'unsubscribed' | 'manual';
  detail: string | null;
  deliveryId: string | null;
  createdAt: string;
};

/** A product's sends held for maintenance (id `maintenance`): non-transactional messages wait while it exists. */
export type HoldDoc = { id: string; productId: string; since: string };

export type CapDoc = { id: string; productId: string; userId: string; day: string; deliveryIds: string[] };

export const partitionOf = (productId: string, channel: TDeliveryChannel, month: string) =>
  `${productId}:${channel}:${month}`;

/** Delivery ids carry their channel and month (`dlv_e202612_...`), so an id alone finds its partition. */
export const partitionOfId = (productId: string, id: string): string | undefined => {
  const match = /^dlv_([ep])(\d{6})_/.exec(id);
  if (!match) return undefined;
  return partitionOf(productId, match[1] === 'e' ? 'email' : 'push', match[2] as string);
};

export const createDeliveryRepository = (store: DocumentStore) => {
  const log = () => store.container<DeliveryDoc>(DELIVERY_CONTAINERS.deliveryLog.name);
  const keys = () => store.container<KeyDoc>(DELIVERY_CONTAINERS.deliveryKeys.name);
  const suppressions = () => store.container<SuppressionDoc>(DELIVERY_CONTAINERS.deliverySuppressions.name);
  const caps = () => store.container<CapDoc>(DELIVERY_CONTAINERS.deliveryCaps.name);
  const holds = () => store.container<HoldDoc>(DELIVERY_CONTAINERS.deliveryHolds.name);

  return {
    log: {
      get: (productId: string, id: string) => {
        const partition = partitionOfId(productId, id);
        return partition ? log().read(id, partition) : Promise.resolve(undefined);
      },
      mutate: (
        productId: string,
        id: string,
        change: (doc: Stored<DeliveryDoc>) => DeliveryDoc | null,
        outbox?: (next: DeliveryDoc, current: Stored<DeliveryDoc>) => Outbox | undefined,
      ) => {
        const partition = partitionOfId(productId, id);
        if (!partition) return Promise.resolve(undefined);
        return log().mutate(id, partition, change, outbox ? { outbox } : {});
      },
      list: (productId: string, input: TDeliveryListInput) => {
        const where: Filter<DeliveryDoc> = { productId: { eq: productId } };
        if (input.channel) where.channel = { eq: input.channel };
        if (input.status) where.status = { eq: input.status };
        if (input.template) where.template = { eq: input.template };
        if (input.email) where.to = { eq: input.email };
        if (input.userId) where.userId = { eq: input.userId };
        if (input.from || input.to) {
          where.createdAt = {
            ...(input.from ? { gte: new Date(input.from).toISOString() } : {}),
            ...(input.to ? { lt: new Date(input.to).toISOString() } : {}),
          };
        }
        return log().query({
          where,
          orderBy: [{ field: 'createdAt', direction: 'desc' }],
          limit: input.limit ?? 25,
          ...(input.cursor ? { continuation: input.cursor } : {}),
        });
      },
      /** Entries created in [from, to), oldest first, a page at a time. */
      createdBetween: (productId: string, from: string, to: string, continuation?: string) =>
        log().query({
          where: { productId: { eq: productId }, createdAt: { gte: from, lt: to } },
          orderBy: [{ field: 'createdAt' }],
          limit: 500,
          ...(continuation ? { continuation } : {}),
        }),
      /** A product's entries held for `reason`, oldest first (its partitions span channels and months). */
      heldFor: (productId: string, reason: THoldReason, limit: number) =>
        log().query({
          where: { productId: { eq: productId }, status: { eq: 'held' }, holdReason: { eq: reason } },
          orderBy: [{ field: 'createdAt' }],
          limit,
        }),
      /**
       * What one event's subscribers sent: each channel's partitions of the event's month and the next (a send
       * follows its event, retries included, by minutes), so every lookup stays inside one partition.
       */
      async ofEvent(productId: string, eventId: string, eventAt: string) {
        const months = [monthOf(eventAt), monthOf(nextMonthIso(eventAt))];
        const pages = await Promise.all(
          DELIVERY_CHANNELS.flatMap((channel) =>
            months.map((month) =>
              log().query({
                partitionKey: partitionOf(productId, channel, month),
                where: { eventId: { eq: eventId } },
                limit: 500,
              }),
            ),
          ),
        );
        return pages.flatMap((page) => page.items);
      },
      /** One partition's entries in `status` created since `since`, oldest first, a page at a time. */
      inStatusSince: (
        partition: string,
        status: TDeliveryStatus,
        since: string,
        opts: { limit: number; continuation?: string | null },
      ) =>
        log().query({
          partitionKey: partition,
          where: { status: { eq: status }, createdAt: { gte: since } },
          orderBy: [
            { field: 'status', direction: 'asc' },
            { field: 'createdAt', direction: 'asc' },
          ],
          limit: opts.limit,
          ...(opts.continuation ? { continuation: opts.continuation } : {}),
        }),
      countInStatusSince: (partition: string, status: TDeliveryStatus, since: string) =>
        log().count({
          partitionKey: partition,
          where: { status: { eq: status }, createdAt: { gte: since } },
        }),
      /** Held entries whose hold has ended, across products. */
      dueHeld: (now: string, limit: number) =>
        log().query({
          where: { status: { eq: 'held' }, holdUntil: { lte: now } },
          orderBy: [{ field: 'holdUntil' }],
          limit,
        }),
    },
    keys: {
      get: (productId: string, id: string) => keys().read(id, productId),
      create: (doc: KeyDoc, outbox: Outbox) => keys().create(doc, { outbox }),
    },
    suppressions: {
      get: (productId: string, email: string) => suppressions().read(email, productId),
      upsert: (doc: SuppressionDoc) => suppressions().upsert(doc),
      delete: (productId: string, email: string) => suppressions().delete(email, productId),
      list: (productId: string, limit: number, cursor?: string) =>
        suppressions().query({
          where: { productId: { eq: productId } },
          orderBy: [{ field: 'createdAt', direction: 'desc' }],
          limit,
          ...(cursor ? { continuation: cursor } : {}),
        }),
    },
    holds: {
      get: (productId: string, id: string) => holds().read(id, productId),
      upsert: (doc: HoldDoc) => holds().upsert(doc),
      delete: (productId: string, id: string) => holds().delete(id, productId),
    },
    caps: {
      get: (productId: string, id: string) => caps().read(id, productId),
      create: (doc: CapDoc) => caps().create(doc),
      mutate: (productId: string, id: string, change: (doc: Stored<CapDoc>) => CapDoc | null) =>
        caps().mutate(id, productId, change),
    },
  };
};

export type DeliveryRepository = ReturnType<typeof createDeliveryRepository>;
