const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

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

export const formatDate = (value: TimeInput, empty = '—') => {
  const date = toDate(value);
  return date ? dateOnly.format(date) : empty;
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
