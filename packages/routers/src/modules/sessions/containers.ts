import type { ContainerDef } from '@bytelyst/db/document-store';

const DAY = 24 * 60 * 60;

/** The containers this module owns; created at start-up with every other module's (see services.ts). */
export const SESSIONS_CONTAINERS = {
  sessions: {
    name: 'sessions',
    partitionKey: ['userId'],
    defaultTtl: 90 * DAY,
    indexes: [['productId'], ['refreshTokenHash'], ['lastActiveAt'], ['expiresAt'], ['revokedAt']],
  },
  /**
   * The devices each user has signed in from (by device id, or by platform + browser + OS), kept apart from
   * the sessions (which are purged) so a device stays known after its sessions end. No TTL: they go with the
   * user (`deleteAll`).
   */
  knownDevices: {
    name: 'known_devices',
    partitionKey: ['userId'],
  },
} as const satisfies Record<string, ContainerDef>;
