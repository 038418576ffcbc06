import type { ContainerDef } from './document-store';

const DAY = 24 * 60 * 60;

/**
 * The one catalogue of containers (roadmap §4 and the containers named in §1–§2). Created idempotently
 * on start-up by `DocumentStore.init(CONTAINERS)`. Every product-scoped document carries `productId`.
 */
export const CONTAINERS = {
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
    indexes: [['productId'], ['refreshTokenHash'], ['lastActiveAt']],
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
} as const satisfies Record<string, ContainerDef>;

export type ContainerKey = keyof typeof CONTAINERS;

export const ALL_CONTAINERS: readonly ContainerDef[] = Object.values(CONTAINERS);
