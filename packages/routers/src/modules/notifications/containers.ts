import type { ContainerDef } from '@bytelyst/db/document-store';

/** The containers this module owns; created at start-up with every other module's (see services.ts). */
export const NOTIFICATIONS_CONTAINERS = {
  /** id `<userId>:<deviceId>`: a device belongs to one user; a push token lives on one device at a time. */
  devices: {
    name: 'devices',
    partitionKey: ['productId'],
    indexes: [['lastSeenAt'], ['userId'], ['platform'], ['pushToken']],
  },
  /** id = the user's id. */
  notificationPrefs: { name: 'notification_prefs', partitionKey: ['productId'], indexes: [['updatedAt']] },
} as const satisfies Record<string, ContainerDef>;
