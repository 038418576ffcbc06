import { DAY_MS } from '../../lib/time';
import type { TGranularity } from './schema';

/**
 * Days as integers (days since 1970-01-01 UTC): windows, cohorts and buckets are integer arithmetic, and a day
 * string appears only at the edges (documents, inputs, outputs).
 */
export const dayNumber = (day: string): number => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
export const dayNumberOf = (ms: number): number => Math.floor(ms / DAY_MS);
export const dayString = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);
export const monthString = (n: number): string => dayString(n).slice(0, 7);
export const dayStartMs = (n: number): number => n * DAY_MS;

/** The Monday of the ISO week of day `n` (1970-01-01 was a Thursday). */
export const weekStart = (n: number): number => n - ((n + 3) % 7);

/** The first day of the calendar month of day `n`. */
export const monthStart = (n: number): number => dayNumber(`${monthString(n)}-01`);

/** The first day of the month after the one of day `n`. */
export const nextMonthStart = (n: number): number => {
  const d = new Date(n * DAY_MS);
  return Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS);
};

export const bucketStart = (n: number, granularity: TGranularity): number =>
  granularity === 'day' ? n : granularity === 'week' ? weekStart(n) : monthStart(n);

export const bucketEnd = (start: number, granularity: TGranularity): number =>
  granularity === 'day' ? start : granularity === 'week' ? start + 6 : nextMonthStart(start) - 1;

/** The buckets that touch [from, to], each as its first and last day (whole buckets, not clipped). */
export const bucketsOf = (from: number, to: number, granularity: TGranularity) => {
  const out: { start: number; end: number }[] = [];
  for (let start = bucketStart(from, granularity); start <= to; ) {
    const end = bucketEnd(start, granularity);
    out.push({ start, end });
    start = end + 1;
  }
  return out;
};

/** The partition (`period`) of a day's rollup: its UTC month. */
export const periodOf = (n: number): string => monthString(n);

/** The months covering [from, to], as partitions to read. */
export const periodsOf = (from: number, to: number): string[] => {
  const out: string[] = [];
  for (let n = monthStart(from); n <= to; n = nextMonthStart(n)) out.push(monthString(n));
  return out;
};
