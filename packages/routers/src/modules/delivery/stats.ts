import type { Clock } from '@bytelyst/db/document-store';
import { DAY_MS, dayOf } from '../../lib/time';
import type { DeliveryRepository } from './repository';
import type { TDeliveryStats } from './schema';

/**
 * Per UTC day of the last `days`: messages sent, delivered, bounced (or dropped), opened (or clicked) and
 * failed, counted from when each entry first reached the status. Reads the entries created in the window a
 * page at a time.
 */
export const deliveryStats = async (
  deps: { repo: DeliveryRepository; clock: Clock },
  productId: string,
  days: number,
): Promise<TDeliveryStats> => {
  const { repo, clock } = deps;
  const end = clock();
  const startDay = dayOf(end - (days - 1) * DAY_MS);
  const rows = new Map<string, TDeliveryStats['days'][number]>();
  for (let i = 0; i < days; i += 1) {
    const day = dayOf(Date.parse(startDay) + i * DAY_MS);
    rows.set(day, { day, sent: 0, delivered: 0, bounced: 0, opened: 0, failed: 0 });
  }
  const count = (iso: string | undefined, field: 'sent' | 'delivered' | 'bounced' | 'opened' | 'failed') => {
    const row = iso ? rows.get(iso.slice(0, 10)) : undefined;
    if (row) row[field] += 1;
  };
  let continuation: string | undefined;
  do {
    const page = await repo.log.createdBetween(
      productId,
      `${startDay}T00:00:00.000Z`,
      new Date(end + 1).toISOString(),
      continuation,
    );
    for (const doc of page.items) {
      const t = doc.statusTimes;
      count(t.sent, 'sent');
      count(t.delivered, 'delivered');
      count(t.bounced ?? t.dropped, 'bounced');
      count(t.opened ?? t.clicked, 'opened');
      count(t.failed, 'failed');
    }
    continuation = page.continuation ?? undefined;
  } while (continuation);
  const list = [...rows.values()];
  const sum = (field: 'sent' | 'delivered' | 'bounced' | 'opened' | 'failed') =>
    list.reduce((total, row) => total + row[field], 0);
  return {
    days: list,
    totals: {
      sent: sum('sent'),
      delivered: sum('delivered'),
      bounced: sum('bounced'),
      opened: sum('opened'),
      failed: sum('failed'),
    },
  };
};
