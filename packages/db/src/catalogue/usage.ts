import type { ContainerDef } from '../document-store';

/** Usage metering (roadmap §1.1 billing: usage): daily counters and idempotency records. */
export const USAGE_CONTAINERS = {
  /** Daily counters, id `userId:metric:yyyy-mm-dd`. */
  usageDaily: {
    name: 'usage_daily',
    partitionKey: ['productId'],
    indexes: [['userId', 'day'], ['metric', 'day'], ['day']],
  },
  /** One document per recorded usage idempotency key, so a retried record counts once. */
  usageRecords: { name: 'usage_records', partitionKey: ['productId'], defaultTtl: 35 * 24 * 60 * 60 },
} as const satisfies Record<string, ContainerDef>;
