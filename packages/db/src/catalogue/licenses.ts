import type { ContainerDef } from '../document-store';

/** License keys with their device activations. */
export const LICENSE_CONTAINERS = {
  licenses: {
    name: 'licenses',
    partitionKey: ['productId'],
    indexes: [['keyHash'], ['userId', 'createdAt'], ['status', 'expiresAt'], ['createdAt']],
  },
} as const satisfies Record<string, ContainerDef>;
