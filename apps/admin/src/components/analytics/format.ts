// SVG presentation attributes take no CSS variables: these repeat the tokens of globals.css.
export const GRID = '#ececf0';
export const AXIS = '#8e8e99';
export const CURSOR = '#f3f3f8';
export const TOOLTIP = { borderRadius: 8, border: '1px solid #e6e6ea', fontSize: 12 };

/** One colour per series (segments, features), in order; distinct in hue and readable on white. */
export const SERIES_COLORS = [
  '#5b5bd6',
  '#1e6fd9',
  '#1f8f52',
  '#b86e00',
  '#d93f3f',
  '#9b5de5',
  '#0f766e',
  '#8e8e99',
] as const;
export const colorAt = (i: number) => SERIES_COLORS[i % SERIES_COLORS.length] as string;

const integer = new Intl.NumberFormat('en');
const oneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
const dayLabel = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const monthLabel = new Intl.DateTimeFormat('en', { month: 'short', year: 'numeric', timeZone: 'UTC' });

export const formatCount = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : Number.isInteger(n) ? integer.format(n) : oneDecimal.format(n);

/** A share of 1 as a whole percent ("42 %"); one decimal under 10 %, so small rates do not read as 0. */
export const formatShare = (share: number | null | undefined) => {
  if (share === null || share === undefined) return '—';
  const percent = share * 100;
  return `${Math.abs(percent) < 10 && percent !== 0 ? oneDecimal.format(percent) : Math.round(percent)} %`;
};

/**
 * Minor units (cents) in the product's currency; whole units once past 1,000, and always on an axis (`whole`),
 * so ticks stay short.
 */
export const formatMoney = (cents: number | null | undefined, currency: string | null, whole = false) => {
  if (cents === null || cents === undefined) return '—';
  const units = cents / 100;
  const digits = whole || Math.abs(units) >= 1000 ? 0 : 2;
  return new Intl.NumberFormat('en', {
    style: currency ? 'currency' : 'decimal',
    ...(currency ? { currency: currency.toUpperCase() } : {}),
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(units);
};

/** A duration in seconds as the largest unit that keeps it readable: "45 min", "14.9 h", "2.7 days". */
export const formatDuration = (seconds: number | null | undefined) => {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${oneDecimal.format(seconds / 3600)} h`;
  return `${oneDecimal.format(seconds / 86_400)} days`;
};

/** A period's first day as an axis label: "Nov 7", or "Nov 2026" for months. */
export const formatPeriod = (period: string, granularity: 'day' | 'week' | 'month' = 'day') => {
  const date = new Date(`${period}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return period;
  return granularity === 'month' ? monthLabel.format(date) : dayLabel.format(date);
};

export const GRANULARITY_OPTIONS = [
  { value: 'day', label: 'Day' },
  { value: 'week', label: 'Week' },
  { value: 'month', label: 'Month' },
] as const;

/** What a segment is called in legends: `all` is the whole product. */
export const segmentLabel = (segment: string) => (segment === 'all' ? 'All users' : segment);
