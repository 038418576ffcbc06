import type { ContainerDef } from '../document-store';

const DAY = 24 * 60 * 60;

/** Client telemetry (roadmap §1.1, §1.5) and notification devices/preferences. */
export const TELEMETRY_CONTAINERS = {
  telemetryEvents: {
    name: 'telemetry_events',
    partitionKey: ['productId'],
    defaultTtl: 30 * DAY,
    indexes: [['at'], ['userId', 'at'], ['level', 'at'], ['fingerprint', 'at'], ['name', 'at']],
  },
  telemetryErrorClusters: {
    name: 'telemetry_error_clusters',
    partitionKey: ['productId'],
    indexes: [['lastSeenAt'], ['count'], ['status', 'lastSeenAt']],
  },
  telemetryCollectionPolicies: { name: 'telemetry_collection_policies', partitionKey: ['productId'] },
  devices: {
    name: 'devices',
    partitionKey: ['productId'],
    indexes: [['userId', 'updatedAt'], ['platform'], ['updatedAt']],
  },
  notificationPrefs: { name: 'notification_prefs', partitionKey: ['productId'], indexes: [['userId']] },
} as const satisfies Record<string, ContainerDef>;
