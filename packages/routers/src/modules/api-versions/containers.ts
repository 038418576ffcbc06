import type { ContainerDef } from '@bytelyst/db/document-store';

/** Usage documents kept 90 days: long enough to see who still calls a version across its six-month notice. */
export const USAGE_TTL_SECONDS = 90 * 24 * 3600;

/** The module's one container; created at start-up with every other module's (see services.ts). */
export const API_VERSIONS_CONTAINERS = {
  /**
   * One document per (client, version, operation, UTC day) with its count and last call, added to by every API
   * instance (read, add, replace with the etag), so the console sees the sum.
   */
  apiVersionUsage: {
    name: 'api_version_usage',
    partitionKey: ['productId'],
    defaultTtl: USAGE_TTL_SECONDS,
    indexes: [['day'], ['lastSeenAt']],
  },
} as const satisfies Record<string, ContainerDef>;
