import type { ContainerDef } from '../document-store';

const DAY = 24 * 60 * 60;

/** Identity, audit, leases, the event bus and the job runner (platform containers). */
export const FOUNDATION_CONTAINERS = {
  products: { name: 'products', partitionKey: ['id'], indexes: [['status'], ['slug']] },
  users: {
    name: 'users',
    partitionKey: ['productId'],
    indexes: [['emailLower'], ['createdAt'], ['status'], ['roles']],
  },
  sessions: {
    name: 'sessions',
    partitionKey: ['userId'],
    defaultTtl: 90 * DAY,
    indexes: [['productId'], ['refreshTokenHash'], ['lastActiveAt'], ['expiresAt'], ['revokedAt']],
  },
  apiTokens: {
    name: 'api_tokens',
    partitionKey: ['productId'],
    indexes: [['tokenHash'], ['createdAt']],
  },
  auditLog: {
    name: 'audit_log',
    partitionKey: ['productId'],
    indexes: [['at'], ['actorId', 'at'], ['action', 'at'], ['targetId', 'at']],
  },
  leases: { name: 'leases', partitionKey: ['id'] },
  /**
   * The event bus: one document per event with each subscriber's delivery state. `dueAt` is set
   * while a concurrent delivery is unsettled and is what dispatchers poll; 30-day TTL.
   */
  events: {
    name: 'events',
    partitionKey: ['productId'],
    defaultTtl: 30 * DAY,
    indexes: [['at'], ['type', 'at'], ['status', 'at'], ['dueAt']],
  },
  /** Deliveries to sequential subscribers, one stream (pk `subscriber:productId`) each, in emit order. */
  eventQueue: {
    name: 'event_queue',
    partitionKey: ['stream'],
    defaultTtl: 30 * DAY,
    indexes: [['subscriber', 'seq'], ['seq']],
  },
  /** Scheduled jobs: one definition per registered job with its persisted state (enabled, last slot). */
  jobDefinitions: { name: 'job_definitions', partitionKey: ['productId'], indexes: [['name']] },
  /** Job runs: id `jobName:slotTime` for scheduled runs, so a slot can be claimed once; 90-day TTL. */
  jobRuns: {
    name: 'job_runs',
    partitionKey: ['productId', 'jobName'],
    defaultTtl: 90 * DAY,
    indexes: [['startedAt'], ['status', 'startedAt'], ['jobName', 'startedAt'], ['trigger', 'startedAt']],
  },
} as const satisfies Record<string, ContainerDef>;
