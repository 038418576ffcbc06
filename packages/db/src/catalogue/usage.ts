import type { ContainerDef } from '../document-store';

/** Usage metering: daily counters, idempotency receipts and quota markers (reset by usage-quota-reset). */
export const USAGE_CONTAINERS = {
  /**
   * Daily counters (`kind: 'day'`, id `day:userId:metric:yyyy-mm-dd`) and the idempotency receipts of recorded
   * usage (`kind: 'receipt'`, per-document TTL). Both live in one container so that incrementing a counter and
   * writing its receipt is one transactional batch: a retried record can never count twice.
   */
  usageDaily: {
    name: 'usage_daily',
    partitionKey: ['productId'],
    indexes: [['userId', 'day'], ['metric', 'day'], ['day'], ['kind', 'at']],
  },
  /**
   * Closed periods: per-user monthly totals (`kind: 'month'`), quota-exceeded flags (`kind: 'flag'`, one per
   * user, metric and period) and the markers of months already closed by the usage-quota-reset job.
   */
  usagePeriods: {
    name: 'usage_periods',
    partitionKey: ['productId'],
    indexes: [
      ['userId', 'period'],
      ['kind', 'periodEnd'],
    ],
  },
} as const satisfies Record<string, ContainerDef>;
