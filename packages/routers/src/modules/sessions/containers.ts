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
} as const satisfies Record<string, ContainerDef>;
