import type { ContainerDef } from '../document-store';

/** License keys with their device activations (roadmap §1.1 identity: licenses). */
export const LICENSE_CONTAINERS = {
  licenses: {
    name: 'licenses',
    partitionKey: ['productId'],
    indexes: [['keyHash'], ['userId', 'createdAt'], ['status', 'expiresAt'], ['createdAt']],
  },
} as const satisfies Record<string, ContainerDef>;
