import type { ContainerDef } from '../document-store';

/** Operations: feature flags and user/device/product settings (incl. the kill switch). */
export const OPERATIONS_CONTAINERS = {
  /** id = the flag's key (unique per product); listed by key (`id`) or by last change. */
  featureFlags: { name: 'feature_flags', partitionKey: ['productId'], indexes: [['updatedAt']] },
  /**
   * id `user:<userId>`, `device:<userId>:<deviceId>` or `product:kill-switch`; one partition per product.
   * `ownerId` finds a user's documents (admin view, clean-up on user deletion).
   */
  settings: { name: 'settings', partitionKey: ['productId'], indexes: [['ownerId'], ['scope', 'updatedAt']] },
} as const satisfies Record<string, ContainerDef>;
