import type { ContainerDef } from '@bytelyst/db/document-store';

/** The containers this module owns; created at start-up with every other module's (see services.ts). */
export const FLAGS_CONTAINERS = {
  /** id = the flag's key (unique per product); listed by key (`id`) or by last change. */
  featureFlags: { name: 'feature_flags', partitionKey: ['productId'], indexes: [['updatedAt']] },
} as const satisfies Record<string, ContainerDef>;
