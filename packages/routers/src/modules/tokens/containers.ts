import type { ContainerDef } from '@bytelyst/db/document-store';

/** The containers this module owns; created at start-up with every other module's (see services.ts). */
export const TOKENS_CONTAINERS = {
  apiTokens: {
    name: 'api_tokens',
    partitionKey: ['productId'],
    indexes: [['tokenHash'], ['createdAt']],
  },
} as const satisfies Record<string, ContainerDef>;
