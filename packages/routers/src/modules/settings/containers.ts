import type { ContainerDef } from '@bytelyst/db/document-store';

/** The containers this module owns; created at start-up with every other module's (see services.ts). */
export const SETTINGS_CONTAINERS = {
  /**
   * id `user:<userId>`, `device:<userId>:<deviceId>` or `product:kill-switch`; one partition per product.
   * `ownerId` finds a user's documents (admin view, clean-up on user deletion).
   */
  settings: { name: 'settings', partitionKey: ['productId'], indexes: [['ownerId'], ['scope', 'updatedAt']] },
} as const satisfies Record<string, ContainerDef>;
