import type { TUsagePeriod } from './schema';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC day `yyyy-mm-dd` of an instant. */
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The UTC month `yyyy-mm` of an instant. */
export const monthOf = (ms: number): string => new Date(ms).toISOString().slice(0, 7);

export const startOfDay = (ms: number): number => Date.parse(`${dayOf(ms)}T00:00:00.000Z`);

export const startOfMonth = (ms: number): number => Date.parse(`${monthOf(ms)}-01T00:00:00.000Z`);

export const startOfNextMonth = (ms: number): number => {
  const d = new Date(startOfMonth(ms));
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
};

export const addDays = (ms: number, days: number): number => ms + days * DAY_MS;

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

/** Every day from `from` to `to` inclusive (both `yyyy-mm-dd`). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
