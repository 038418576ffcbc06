import type { ContainerDef } from '@bytelyst/db/document-store';

const DAY = 24 * 60 * 60;

/** The containers this module owns; created at start-up with every other module's (see services.ts). */
export const EVENT_TIMELINE_CONTAINERS = {
  /** Cross-channel "recover since T" runs and their progress, kept 30 days. */
  eventRecoveries: {
    name: 'event_recoveries',
    partitionKey: ['productId'],
    defaultTtl: 30 * DAY,
    indexes: [['createdAt']],
  },
} as const satisfies Record<string, ContainerDef>;
