import type { ContainerDef } from './document-store';

const DAY = 24 * 60 * 60;

/**
 * The platform's own containers: leases, rate counters, the event bus, the job runner and migrations, which sit below the modules. Every
 * module declares its own (`modules/<name>/containers.ts`); `@bytelyst/routers/services` gathers them all into
 * `ALL_CONTAINERS`, created idempotently at start-up. Every product-scoped document carries `productId`.
 */
export const CONTAINERS = {
  leases: { name: 'leases', partitionKey: ['id'] },
  /** Fixed-window counters shared by every instance (rate-counters.ts); each lingers a window past its end. */
  rateCounters: { name: 'rate_counters', partitionKey: ['id'] },
  /**
   * The event bus: one document per event with each subscriber's delivery state. `dueAt` is set
   * while a concurrent delivery is unsettled and is what dispatchers poll; 30-day TTL.
   */
  events: {
    name: 'events',
    partitionKey: ['productId'],
    defaultTtl: 30 * DAY,
    indexes: [['at'], ['type', 'at'], ['status', 'at'], ['dueAt']],
  },
  /** Deliveries to sequential subscribers, one stream (pk `subscriber:productId`) each, in emit order. */
  eventQueue: {
    name: 'event_queue',
    partitionKey: ['stream'],
    defaultTtl: 30 * DAY,
    indexes: [['subscriber', 'seq'], ['seq']],
  },
  /** Scheduled jobs: one definition per registered job with its persisted state (enabled, last slot). */
  jobDefinitions: { name: 'job_definitions', partitionKey: ['productId'], indexes: [['name']] },
  /** Job runs: id `jobName:slotTime` for scheduled runs, so a slot can be claimed once; 90-day TTL. */
  jobRuns: {
    name: 'job_runs',
    partitionKey: ['productId', 'jobName'],
    defaultTtl: 90 * DAY,
    indexes: [
      ['startedAt'],
      ['status', 'startedAt'],
      ['jobName', 'startedAt'],
      ['trigger', 'startedAt'],
      // The runs an event started, for the event's page.
      ['eventId'],
    ],
  },
  /**
   * Schema migrations (roadmap §2.8): one record per migration (id `001_name`) in the `platform` partition,
   * with its status, duration and error; the runner (migrations/runner.ts) writes them under its lease.
   */
  migrations: { name: 'migrations', partitionKey: ['productId'], indexes: [['version']] },
} as const satisfies Record<string, ContainerDef>;

export type ContainerKey = keyof typeof CONTAINERS;

/** The platform's containers as a list, for `DocumentStore.init`. */
export const PLATFORM_CONTAINERS: readonly ContainerDef[] = Object.values(CONTAINERS);
