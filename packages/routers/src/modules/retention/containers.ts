import type { ContainerDef } from '@bytelyst/db/document-store';

/** The containers this module owns; created at start-up with every other module's (see services.ts). */
export const RETENTION_CONTAINERS_DEF = {
  /**
   * Roadmap §4's one container for §2.23, holding three kinds side by side: a product's policies (id
   * `policy:<container>`, only those changed from the default), its legal holds (`kind: 'hold'`), and the
   * cleanup's runs (`kind: 'run'`, in the platform partition `*`, each kept 180 days).
   */
  retentionPolicies: {
    name: 'retention_policies',
    partitionKey: ['productId'],
    indexes: [['createdAt'], ['startedAt'], ['kind', 'status']],
  },
} as const satisfies Record<string, ContainerDef>;
