import { DAY_MS, dayOf, monthOf, startOfDay, startOfMonth, startOfNextMonth } from '../../../lib/time';
import type { TUsagePeriod } from './schema';

/** The window a quota counts over: today (UTC) or this calendar month, and when the next one starts. */
export const periodWindow = (period: TUsagePeriod, now: number) => {
  const start = period === 'day' ? startOfDay(now) : startOfMonth(now);
  const end = period === 'day' ? startOfDay(now) + DAY_MS : startOfNextMonth(now);
  return {
    firstDay: dayOf(start),
    lastDay: dayOf(end - 1),
    periodStart: new Date(start).toISOString(),
    resetsAt: new Date(end).toISOString(),
    /** `yyyy-mm-dd` or `yyyy-mm`: names the period in flags. */
    key: period === 'day' ? dayOf(start) : monthOf(start),
  };
};
