import { DAY_MS } from '../../lib/time';
import type { TGranularity } from './schema';

/**
 * Days as integers (days since 1970-01-01 UTC): windows, cohorts and buckets are integer arithmetic, and a day
 * string appears only at the edges (documents, inputs, outputs).
 */
export const dayNumber = (day: string): number => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
export const dayNumberOf = (ms: number): number => Math.floor(ms / DAY_MS);

const digit = (s: string, i: number): number => {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : Number.NaN;
};
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysInMonth = (year: number, month: number): number =>
  month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : (MONTH_DAYS[month - 1] ?? 0);
const two = (s: string, i: number): number => digit(s, i) * 10 + digit(s, i + 1);

/**
 * Epoch ms of an ISO instant. The store's instants are `toISOString()` output (`yyyy-mm-ddThh:mm:ss.sssZ`),
 * read by hand here at a third of Date.parse's cost (it runs once per raw event); any other shape, or a field out
 * of range, goes to Date.parse.
 */
export const isoMs = (s: string): number => {
  if (
    s.length !== 24 ||
    s.charCodeAt(23) !== 90 /* Z */ ||
    s.charCodeAt(10) !== 84 /* T */ ||
    s.charCodeAt(4) !== 45 /* - */ ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(13) !== 58 /* : */ ||
    s.charCodeAt(16) !== 58 ||
    s.charCodeAt(19) !== 46 /* . */
  ) {
    return Date.parse(s);
  }
  const month = two(s, 5);
  const day = two(s, 8);
  const hour = two(s, 11);
  const minute = two(s, 14);
  const second = two(s, 17);
  const ms = digit(s, 20) * 100 + two(s, 21);
  const year = two(s, 0) * 100 + two(s, 2);
  // NaN (a non-digit) fails every comparison, so it falls through too; so do years Date.UTC would read as 19xx.
  const valid =
    year >= 1000 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    ms >= 0;
  if (!valid) return Date.parse(s);
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
};

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
