import type { ContainerDef } from '@bytelyst/db/document-store';

/** The containers this module owns; created at start-up with every other module's (see services.ts). */
export const MEMORY_CONTAINERS = {
  /**
   * Memory items (`memory_items`, the roadmap's container), one partition per product, newest first per user
   * or across the product.
   */
  memoryItems: {
    name: 'memory_items',
    partitionKey: ['productId'],
    indexes: [['createdAt'], ['userId', 'createdAt']],
  },
} as const satisfies Record<string, ContainerDef>;
