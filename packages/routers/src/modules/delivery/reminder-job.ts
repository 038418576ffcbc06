import type { JobDefinition } from '@bytelyst/scheduler/definition';
import { addDaysIso } from '../../lib/time';
import type { DevicesService } from '../notifications/devices-service';
import type { TProduct } from '../products/schema';
import { localTime } from './local-time';
import type { DeliveryService } from './service';

const REMINDER_HOUR = 18;
const ACTIVE_WITHIN_DAYS = 14;

type Deps = {
  products: { list(): Promise<TProduct[]> };
  devices: Pick<DevicesService, 'list'>;
  activeDays(productId: string, userId: string, fromDay: string, toDay: string): Promise<string[]>;
  delivery: Pick<DeliveryService, 'send'>;
};

/**
 * The `dictation_reminder` push: hourly, every device whose local clock shows 18:xx reminds its user, if that
 * user recorded usage in the last 14 days but none today (their local day). One reminder per user and local day
 * (the idempotency key), through the user's preferences, cap and quiet hours like any other push.
 */
export const createDictationReminderJob = (deps: Deps): JobDefinition => ({
  name: 'delivery-dictation-reminder',
  cron: '0 * * * *',
  timezone: 'UTC',
  description: 'Pushes a reminder at 18:00 local time to recently active users who have not dictated today',
  missedRunPolicy: 'skip',
  async run(ctx) {
    const now = ctx.now();
    let considered = 0;
    let reminded = 0;
    for (const product of await deps.products.list()) {
      // Devices at 18:xx right now, by user, with the user's local day.
      const due = new Map<string, { day: string; deviceIds: string[] }>();
      let cursor: string | undefined;
      do {
        const page = await deps.devices.list(product.id, { limit: 200, ...(cursor ? { cursor } : {}) });
        for (const device of page.items) {
          if (!device.hasPushToken) continue;
          const local = localTime(now, device.timeZone);
          if (local.hour !== REMINDER_HOUR) continue;
          const entry = due.get(device.userId) ?? { day: local.day, deviceIds: [] };
          entry.deviceIds.push(device.deviceId);
          due.set(device.userId, entry);
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor && !ctx.signal.aborted);
      for (const [userId, { day, deviceIds }] of due) {
        considered += 1;
        const from = addDaysIso(`${day}T00:00:00.000Z`, -ACTIVE_WITHIN_DAYS).slice(0, 10);
        const active = await deps.activeDays(product.id, userId, from, day);
        if (active.length === 0 || active.includes(day)) continue;
        const result = await deps.delivery.send(
          product.id,
          {
            userId,
            category: 'product_updates',
            push: {
              type: 'dictation_reminder',
              title: "Haven't dictated today?",
              body: 'A few words keep your streak going.',
            },
            idempotencyKey: `dictation-reminder:${userId}:${day}`,
          },
          { actorId: null, onlyDevices: deviceIds },
        );
        if (!result.replayed) reminded += 1;
      }
    }
    return { considered, reminded };
  },
});
