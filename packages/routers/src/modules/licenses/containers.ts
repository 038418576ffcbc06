import type { ContainerDef } from '@bytelyst/db/document-store';

/** The containers this module owns; created at start-up with every other module's (see services.ts). */
export const LICENSES_CONTAINERS = {
  licenses: {
    name: 'licenses',
    partitionKey: ['productId'],
    indexes: [['keyHash'], ['userId', 'createdAt'], ['status', 'expiresAt'], ['createdAt']],
  },
} as const satisfies Record<string, ContainerDef>;
