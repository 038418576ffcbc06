const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });
const shortDateTime = new Intl.DateTimeFormat('en', {
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const timeOfDay = new Intl.DateTimeFormat('en', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3,
  hourCycle: 'h23',
});

type TimeInput = string | number | Date | null | undefined;

const toDate = (value: TimeInput): Date | undefined => {
  if (value === null || value === undefined || value === '') return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
};

export const formatDateTime = (value: TimeInput, empty = '—') => {
  const date = toDate(value);
  return date ? dateTime.format(date) : empty;
};

/** "Dec 2, 6:00 AM": for times near now (schedule slots), where the year adds nothing. */
export const formatShortDateTime = (value: TimeInput, empty = '—') => {
  const date = toDate(value);
  return date ? shortDateTime.format(date) : empty;
};

export const formatDate = (value: TimeInput, empty = '—') => {
  const date = toDate(value);
  return date ? dateOnly.format(date) : empty;
};

/** Log lines: the time of day to the millisecond, since lines of one run are close together. */
export const formatTimeOfDay = (value: TimeInput, empty = '—') => {
  const date = toDate(value);
  return date ? timeOfDay.format(date) : empty;
};

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86400],
  ['month', 30 * 86400],
  ['week', 7 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
];

export const formatRelative = (value: TimeInput, now: number = Date.now(), empty = 'Never') => {
  const date = toDate(value);
  if (!date) return empty;
  const seconds = Math.round((date.getTime() - now) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return 'just now';
};

export const titleCase = (value: string) => value.replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase());

/** A duration for tables: "840 ms", "2.4 s", "3 min 12 s", "1 h 5 min". */
export const formatDuration = (ms: number | null | undefined, empty = '—') => {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return empty;
  if (ms < 999.5) return `${Math.round(ms)} ms`;
  const tenths = Math.round(ms / 100) / 10;
  if (tenths < 10) return `${tenths.toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  return minutes % 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${Math.floor(minutes / 60)} h`;
};

/** The last second of a UTC day from a date input (`yyyy-mm-dd`): an expiry on that day covers all of it. */
export const endOfUtcDay = (day: string): string => `${day}T23:59:59.000Z`;
