import type { ContainerDef } from '@bytelyst/db/document-store';

/** The module's one container; created at start-up with every other module's (see services.ts). */
export const I18N_CONTAINERS = {
  /**
   * Partitioned by `productId:locale` (roadmap §2.20): one locale's strings of one product are one partition,
   * which a bundle reads whole. Each partition also holds a revision document (id `_revision`) written in the
   * batch of every change to it; its etag is that locale's part of a bundle's version. A product's locale list
   * and default locale live in its `productId:*` partition (id `config`).
   */
  translations: {
    name: 'translations',
    partitionKey: ['productId', 'locale'],
    indexes: [['kind']],
    partitionScopedIndexes: true,
  },
} as const satisfies Record<string, ContainerDef>;
