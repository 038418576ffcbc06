import type { ContainerDef } from '@bytelyst/db/document-store';

const DAY = 24 * 60 * 60;

/** The containers this module owns; created at start-up with every other module's (see services.ts). */
export const WEBHOOK_CONTAINERS = {
  /** Endpoints (the roadmap's subscriptions): URL, filters, sealed secrets, health counters. */
  webhookSubscriptions: {
    name: 'webhook_subscriptions',
    partitionKey: ['productId'],
    indexes: [['createdAt']],
  },
  /**
   * One document per message and endpoint (id `messageId:endpointId`), with every attempt; kept 30 days.
   * Partitioned by `endpointId:yyyyMM` of the event's time, so an endpoint's month is one partition.
   */
  webhookDeliveries: {
    name: 'webhook_deliveries',
    partitionKey: ['endpointId', 'month'],
    defaultTtl: 30 * DAY,
    indexes: [['eventAt'], ['status', 'nextAttemptAt'], ['messageId']],
  },
  /** Recover-since-T runs and their progress, kept 30 days. */
  webhookRecoveries: {
    name: 'webhook_recoveries',
    partitionKey: ['productId'],
    defaultTtl: 30 * DAY,
    indexes: [['createdAt']],
  },
} as const satisfies Record<string, ContainerDef>;
