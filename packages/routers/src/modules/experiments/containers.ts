import type { ContainerDef } from '@bytelyst/db/document-store';

/** The containers this module owns; created at start-up with every other module's (see services.ts). */
export const EXPERIMENT_CONTAINERS = {
  /** id = the experiment's key; the results job lists running ones across products. */
  experiments: { name: 'experiments', partitionKey: ['productId'], indexes: [['status'], ['updatedAt']] },
  /** Metric definitions per product; id = the metric's key. */
  experimentMetrics: { name: 'experiment_metrics', partitionKey: ['productId'] },
  /**
   * Sticky assignments, GrowthBook's sticky-bucket documents: one per unit (id `attribute:value`) holding its
   * variation in every experiment it was assigned to, so one assignment call reads one document per attribute.
   */
  experimentStickyAssignments: { name: 'experiment_sticky_assignments', partitionKey: ['productId'] },
  /**
   * Exposures, one per unit and experiment (id `attribute:value`), created once with the first exposure's time.
   * One partition per experiment: the results pipeline reads an experiment's units in one partition.
   */
  experimentExposures: {
    name: 'experiment_exposures',
    partitionKey: ['productId', 'experimentId'],
    partitionScopedIndexes: true,
  },
  /** Every computation of an experiment's results (the lift over time), newest read first. */
  experimentResults: {
    name: 'experiment_results',
    partitionKey: ['productId', 'experimentId'],
    indexes: [['computedAt']],
  },
} as const satisfies Record<string, ContainerDef>;
