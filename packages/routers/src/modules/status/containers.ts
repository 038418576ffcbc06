import type { ContainerDef } from '@bytelyst/db/document-store';

const DAY = 24 * 60 * 60;

/** The status page's containers; created at start-up with every other module's (see services.ts). */
export const STATUS_CONTAINERS = {
  /** Components (the platform's own, seeded, and the admin's), id = key. */
  statusComponents: {
    name: 'status_components',
    partitionKey: ['productId'],
    indexes: [['order']],
  },
  /** Monitors with their current verdict; `nextCheckAt` is what the leader's loop looks for. */
  statusMonitors: {
    name: 'status_monitors',
    partitionKey: ['productId'],
    indexes: [['nextCheckAt'], ['componentId'], ['heartbeatTokenHash']],
  },
  /** One document per check (the roadmap's `service_status`), kept 90 days. */
  serviceStatus: {
    name: 'service_status',
    partitionKey: ['productId'],
    defaultTtl: 90 * DAY,
    indexes: [
      ['componentId', 'at'],
      ['monitorId', 'at'],
    ],
  },
  /** Daily rollups per component (`componentId:yyyy-mm-dd`), kept a little past the page's 90 days. */
  statusDaily: {
    name: 'status_daily',
    partitionKey: ['productId'],
    defaultTtl: 100 * DAY,
    indexes: [['day']],
  },
  /** Incidents with their public updates. */
  incidents: {
    name: 'incidents',
    partitionKey: ['productId'],
    indexes: [['createdAt'], ['status', 'createdAt']],
  },
  /** Maintenance windows, scheduled by an admin or opened by the maintenance switch. */
  statusMaintenance: {
    name: 'status_maintenance',
    partitionKey: ['productId'],
    indexes: [['scheduledStart'], ['status', 'scheduledStart']],
  },
  /** Email subscribers (double opt-in). */
  statusSubscribers: {
    name: 'status_subscribers',
    partitionKey: ['productId'],
    indexes: [['status'], ['confirmTokenHash'], ['unsubscribeTokenHash']],
  },
} as const satisfies Record<string, ContainerDef>;
