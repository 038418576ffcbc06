import type { ContainerDef } from '@bytelyst/db/document-store';

const DAY = 24 * 60 * 60;

/** The containers this module owns; created at start-up with every other module's (see services.ts). */
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
} as const satisfies Record<string, ContainerDef>;
