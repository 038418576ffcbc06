import type { Clock } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { monthOf as monthOfMs, startOfNextMonth } from '../../lib/time';
import { requeue } from './held';
import { type DeliveryRepository, partitionOf } from './repository';
import { DELIVERY_CHANNELS } from './schema';

const PAGE = 200;

/** What a recovery since T puts back in the queue: entries that failed, and entries still held. */
export const RECOVERABLE_STATUSES = ['failed', 'held'] as const;
type Recoverable = (typeof RECOVERABLE_STATUSES)[number];

export type DeliveryRecoveryCounts = Record<Recoverable, number>;

/**
 * Notifications of one product since T that failed or are held, counted and sent again. The log is
 * partitioned by product, channel and month, so both walk each channel's months from T to now, one
 * partition at a time, on its (status, createdAt) index.
 */
export const createDeliveryRecovery = (deps: { repo: DeliveryRepository; clock: Clock; bus: EventBus }) => {
  const { repo, clock } = deps;

  const partitions = (productId: string, since: string): string[] => {
    const months: string[] = [];
    for (let at = Date.parse(since); at <= clock(); at = startOfNextMonth(at)) {
      months.push(monthOfMs(at).replace('-', ''));
    }
    return DELIVERY_CHANNELS.flatMap((channel) => months.map((m) => partitionOf(productId, channel, m)));
  };

  return {
    async preview(productId: string, since: string): Promise<DeliveryRecoveryCounts> {
      const counts: DeliveryRecoveryCounts = { failed: 0, held: 0 };
      for (const partition of partitions(productId, since)) {
        for (const status of RECOVERABLE_STATUSES) {
          counts[status] += await repo.log.countInStatusSince(partition, status, since);
        }
      }
      return counts;
    },

    /**
     * Failed entries go back to `queued` with fresh attempts; held ones are released now (the dispatcher holds
     * again one whose reason still stands, such as a product still in maintenance). `onProgress` gets the
     * running totals after each page.
     */
    async recover(
      productId: string,
      since: string,
      onProgress: (done: DeliveryRecoveryCounts) => Promise<void>,
    ): Promise<DeliveryRecoveryCounts> {
      const done: DeliveryRecoveryCounts = { failed: 0, held: 0 };
      for (const partition of partitions(productId, since)) {
        for (const status of RECOVERABLE_STATUSES) {
          // Each requeued entry leaves the status, so the first page is always the next one.
          for (;;) {
            const page = await repo.log.inStatusSince(partition, status, since, { limit: PAGE });
            let moved = 0;
            for (const doc of page.items) if (await requeue(deps, doc, status)) moved += 1;
            done[status] += moved;
            if (moved > 0) await onProgress({ ...done });
            if (page.items.length < PAGE || moved === 0) break;
          }
        }
      }
      return done;
    },
  };
};

export type DeliveryRecovery = ReturnType<typeof createDeliveryRecovery>;
