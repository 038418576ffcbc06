import type { ContainerDef } from '@bytelyst/db/document-store';

/** The changelog's one container; created at start-up with every other module's (see services.ts). */
export const CHANGELOG_CONTAINERS = {
  /**
   * Entries (id `v<version>`, so a version is unique per product by the store's own create conflict) and one
   * revision document per product (id `revision`), written in the same batch as every change clients can see:
   * its etag is what the client endpoint's ETag is made of.
   */
  changelog: {
    name: 'changelog',
    partitionKey: ['productId'],
    indexes: [['versionKey'], ['state', 'scheduledAt']],
  },
} as const satisfies Record<string, ContainerDef>;
