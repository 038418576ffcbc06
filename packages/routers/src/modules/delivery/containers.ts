import type { ContainerDef } from '@bytelyst/db/document-store';

const DAY = 24 * 60 * 60;

/** The containers this module owns; created at start-up with every other module's (see services.ts). */
export const DELIVERY_CONTAINERS = {
  /**
   * One entry per message and target (an email, or one device of a push), kept 90 days. Partitioned by
   * `productId:channel:yyyyMM` (`month` holds yyyyMM) so a month of one channel of one product is one partition.
   */
  deliveryLog: {
    name: 'delivery_log',
    partitionKey: ['productId', 'channel', 'month'],
    defaultTtl: 90 * DAY,
    indexes: [
      ['createdAt'],
      ['holdUntil'],
      ['productId', 'status'],
      ['to'],
      ['userId'],
      ['template'],
      // An event's page finds what its subscribers sent; a recovery walks a partition's failed or held entries.
      ['eventId'],
      ['status', 'createdAt'],
    ],
  },
  /**
   * Idempotency keys (id = hash of product and key), kept 24 hours: the first request's body hash and its
   * answer, written in the same commit as its log entries and events; a replay gets the answer back.
   */
  deliveryKeys: { name: 'delivery_keys', partitionKey: ['productId'], defaultTtl: DAY },
  /** Addresses that get no more non-transactional mail (id = the lower-cased address). */
  deliverySuppressions: {
    name: 'delivery_suppressions',
    partitionKey: ['productId'],
    indexes: [['createdAt'], ['reason', 'createdAt']],
  },
  /** Non-transactional sends per user and local day, for the daily cap (id = userId:yyyy-mm-dd). */
  /** A product's hold on its non-transactional sends while it is in maintenance (id `maintenance`). */
  deliveryHolds: { name: 'delivery_holds', partitionKey: ['productId'] },
  deliveryCaps: { name: 'delivery_caps', partitionKey: ['productId'], defaultTtl: 3 * DAY },
} as const satisfies Record<string, ContainerDef>;
