import type { ContainerDef } from '@bytelyst/db/document-store';

const DAY = 24 * 60 * 60;

/** The containers this module owns; created at start-up with every other module's (see services.ts). */
export const EXPORTS_CONTAINERS = {
  /**
   * Export and bulk jobs (`kind: 'export' | 'bulk'`) and the items of bulk jobs (`kind: 'item'`, id
   * `jobId:seq`), side by side in the product's partition so that a page of item results and the job's counts
   * commit in one batch. Kept 30 days; an export's file goes after 7 (cleanup job).
   */
  exportJobs: {
    name: 'export_jobs',
    partitionKey: ['productId'],
    defaultTtl: 30 * DAY,
    indexes: [['createdAt'], ['status', 'leaseUntil'], ['jobId', 'seq'], ['fileExpiresAt']],
  },
} as const satisfies Record<string, ContainerDef>;
