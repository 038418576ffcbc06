import type { ContainerDef } from '../document-store';

const DAY = 24 * 60 * 60;

/** Client telemetry and notification devices/preferences. */
export const TELEMETRY_CONTAINERS = {
  /**
   * Client events; each carries its own `ttl` from the product's retention policy (the container default is the
   * fallback). `receivedAt` drives the retention sweep, `at` (client time) the admin views.
   */
  telemetryEvents: {
    name: 'telemetry_events',
    partitionKey: ['productId'],
    defaultTtl: 30 * DAY,
    indexes: [['at'], ['receivedAt'], ['userId'], ['fingerprint'], ['name']],
    // The highest-volume writes of the platform, always read per product.
    partitionScopedIndexes: true,
  },
  /** id = the error fingerprint; read-modify-write with ifMatch so concurrent ingests keep every count. */
  telemetryErrorClusters: {
    name: 'telemetry_error_clusters',
    partitionKey: ['productId'],
    indexes: [['lastSeenAt'], ['count'], ['status'], ['sampleUserId']],
  },
  /** One document per product (id `policy`); its presence also lists the products the TTL sweep visits. */
  telemetryCollectionPolicies: { name: 'telemetry_collection_policies', partitionKey: ['productId'] },
  /** id `<userId>:<deviceId>`: a device belongs to one user; a push token lives on one device at a time. */
  devices: {
    name: 'devices',
    partitionKey: ['productId'],
    indexes: [['lastSeenAt'], ['userId'], ['platform'], ['pushToken']],
  },
  /** id = the user's id. */
  notificationPrefs: { name: 'notification_prefs', partitionKey: ['productId'], indexes: [['updatedAt']] },
} as const satisfies Record<string, ContainerDef>;
