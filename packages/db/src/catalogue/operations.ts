import type { ContainerDef } from '../document-store';

/** Operations (roadmap §1.1): feature flags and user/device/product settings (incl. the kill switch). */
export const OPERATIONS_CONTAINERS = {
  featureFlags: { name: 'feature_flags', partitionKey: ['productId'], indexes: [['key'], ['updatedAt']] },
  /** id `user:<id>`, `device:<id>` or `product:kill-switch`; one partition per product. */
  settings: { name: 'settings', partitionKey: ['productId'], indexes: [['scope', 'ownerId']] },
} as const satisfies Record<string, ContainerDef>;
