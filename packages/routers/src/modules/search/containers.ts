import type { ContainerDef } from '@bytelyst/db/document-store';

const DAY = 24 * 60 * 60;

/** The containers this module owns; created at start-up with every other module's (see services.ts). */
export const SEARCH_CONTAINERS = {
  /**
   * The admin search index (roadmap §2.21): one entry per indexed record, by product. Derived data, kept current
   * from the bus and rebuilt on request; sqlite keeps it in FTS5 tables, Cosmos in a `search_index` container.
   * `primary` holds what names a record (an email and name, a title, an audit action), `secondary` the rest.
   */
  searchIndex: {
    name: 'search_index',
    partitionKey: ['productId'],
    fullText: {
      columns: [
        { name: 'primary', weight: 3 },
        { name: 'secondary', weight: 1 },
      ],
    },
  },
  /** Rebuilds of a product's index with their progress; kept 30 days. */
  searchRebuilds: {
    name: 'search_rebuilds',
    partitionKey: ['productId'],
    defaultTtl: 30 * DAY,
    indexes: [['requestedAt'], ['status', 'requestedAt']],
  },
} as const satisfies Record<string, ContainerDef>;
