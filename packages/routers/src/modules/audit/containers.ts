import type { ContainerDef } from '@bytelyst/db/document-store';

/** The containers this module owns; created at start-up with every other module's (see services.ts). */
export const AUDIT_CONTAINERS = {
  auditLog: {
    name: 'audit_log',
    partitionKey: ['productId'],
    indexes: [['at'], ['actorId', 'at'], ['action', 'at'], ['targetId', 'at'], ['impersonatedBy', 'at']],
  },
} as const satisfies Record<string, ContainerDef>;
