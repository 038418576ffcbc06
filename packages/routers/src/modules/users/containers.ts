import type { ContainerDef } from '@bytelyst/db/document-store';

/** The containers this module owns; created at start-up with every other module's (see services.ts). */
export const USERS_CONTAINERS = {
  users: {
    name: 'users',
    partitionKey: ['productId'],
    indexes: [['emailLower'], ['createdAt'], ['status'], ['roles']],
  },
} as const satisfies Record<string, ContainerDef>;
