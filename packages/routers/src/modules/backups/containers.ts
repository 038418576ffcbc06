import type { ContainerDef } from '@bytelyst/db/document-store';

/** The containers this module owns; created at start-up with every other module's (see services.ts). */
export const BACKUPS_CONTAINERS = {
  /**
   * Backups, verifications and restores (`kind`), one document each in the `platform` partition, with their
   * progress per container; a backup's document also carries its manifest and verification state. No TTL: the
   * pruning policy deletes a backup's files and marks its document.
   */
  backupRuns: {
    name: 'backup_runs',
    partitionKey: ['productId'],
    indexes: [['createdAt'], ['status', 'leaseUntil']],
  },
} as const satisfies Record<string, ContainerDef>;
