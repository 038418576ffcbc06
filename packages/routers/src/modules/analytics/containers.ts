import type { ContainerDef } from '@bytelyst/db/document-store';

/** The containers this module owns; created at start-up with every other module's (see services.ts). */
export const ANALYTICS_CONTAINERS = {
  /**
   * Every rollup (roadmap §4: pk `/productId:metric:period`). `period` is the UTC month (`yyyy-mm`) of the
   * day or cohort a document stands for, so a chart over a range reads a handful of partitions in key order.
   * Ids are deterministic (the metric's key), so re-rolling a period overwrites it. No TTL: rollups outlive the
   * raw events they were computed from.
   */
  rollups: {
    name: 'analytics_rollups',
    partitionKey: ['productId', 'metric', 'period'],
    indexes: [['key']],
  },
  /** Per product: the definitions (id `definitions`) and the latest recompute with its progress (id `recompute`). */
  config: {
    name: 'analytics_config',
    partitionKey: ['productId'],
    indexes: [['kind', 'status']],
  },
} as const satisfies Record<string, ContainerDef>;
