import type { ContainerDef } from '@bytelyst/db/document-store';

/** The containers this module owns; created at start-up with every other module's (see services.ts). */
export const PRODUCTS_CONTAINERS = {
  products: { name: 'products', partitionKey: ['id'], indexes: [['status'], ['slug']] },
} as const satisfies Record<string, ContainerDef>;
