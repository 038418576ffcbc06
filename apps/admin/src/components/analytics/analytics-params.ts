import {
  MAX_RANGE_DAYS,
  type TBreakdown,
  type TGranularity,
  ZBreakdown,
  ZDay,
} from '@bytelyst/routers/modules/analytics/schema';

/** The page's range and breakdown, kept in the URL (`?range=90d&breakdown=plan`, `?range=custom&from=..&to=..`). */
export type RangePreset = '7d' | '30d' | '90d' | 'custom';
export type AnalyticsParams = { range: RangePreset; from: string; to: string; breakdown: TBreakdown };

export const PRESETS: readonly { value: Exclude<RangePreset, 'custom'>; days: number; label: string }[] = [
  { value: '7d', days: 7, label: '7 days' },
  { value: '30d', days: 30, label: '30 days' },
  { value: '90d', days: 90, label: '90 days' },
];
export const DEFAULT_PRESET = '30d';

const DAY_MS = 86_400_000;
export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The earlier of two `yyyy-mm-dd` days (they sort as text). */
const earlier = (a: string, b: string) => (a.localeCompare(b) <= 0 ? a : b);

/** Days from `from` to `to`, both included. */
export const spanDays = (from: string, to: string) => Math.round((dayMs(to) - dayMs(from)) / DAY_MS) + 1;

/** The preset's days ending today (UTC); `now` is the page's render time, so server and browser agree. */
export const presetRange = (preset: Exclude<RangePreset, 'custom'>, now: number) => {
  const days = PRESETS.find((p) => p.value === preset)?.days ?? 30;
  return { from: utcDay(now - (days - 1) * DAY_MS), to: utcDay(now) };
};

/** Why a custom range cannot be read, or null when it can (the rules the API applies to every view). */
export const rangeProblem = (from: string, to: string): string | null => {
  if (!ZDay.safeParse(from).success || !ZDay.safeParse(to).success) return 'Pick both days';
  const span = spanDays(from, to);
  if (span < 1) return 'The end is before the start';
  if (span > MAX_RANGE_DAYS) return `At most ${MAX_RANGE_DAYS} days`;
  return null;
};

/** The URL's state; anything missing or malformed falls back to the last 30 days, no breakdown. */
export const parseAnalyticsParams = (
  search: { get(key: string): string | null },
  now: number,
): AnalyticsParams => {
  const read = (key: string) => search.get(key) ?? undefined;
  const parsedBreakdown = ZBreakdown.safeParse(read('breakdown'));
  const breakdown = parsedBreakdown.success ? parsedBreakdown.data : 'none';
  const range = read('range');
  const from = read('from') ?? '';
  const to = read('to') ?? '';
  if (range === 'custom' && rangeProblem(from, to) === null) return { range, from, to, breakdown };
  const preset = PRESETS.find((p) => p.value === range)?.value ?? DEFAULT_PRESET;
  return { range: preset, ...presetRange(preset, now), breakdown };
};

/** The query string for `params`: defaults are left out, so the bare page is the default view. */
export const writeAnalyticsParams = (params: AnalyticsParams): string => {
  const out = new URLSearchParams();
  if (params.range !== DEFAULT_PRESET) out.set('range', params.range);
  if (params.range === 'custom') {
    out.set('from', params.from);
    out.set('to', params.to);
  }
  if (params.breakdown !== 'none') out.set('breakdown', params.breakdown);
  const query = out.toString();
  return query ? `?${query}` : '';
};

/**
 * The days a recompute for the page rebuilds: the range, widened back to the start of the calendar week and month
 * it begins in (the weekly and monthly charts read those whole buckets), and ending today at the latest.
 */
export const recomputeRange = (p: Pick<AnalyticsParams, 'from' | 'to'>, now: number) => {
  const start = dayMs(p.from);
  const date = new Date(start);
  const weekStart = utcDay(start - ((date.getUTCDay() + 6) % 7) * DAY_MS);
  const monthStart = utcDay(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
  const to = earlier(p.to, utcDay(now));
  const widened = earlier(weekStart, monthStart);
  return { from: spanDays(widened, to) <= MAX_RANGE_DAYS ? widened : p.from, to };
};

/** What each card asks first; the page's server half prefetches the same inputs, so the keys match. */
export const CARD_DEFAULTS = {
  active: { granularity: 'day' as TGranularity },
  retention: { granularity: 'week' as const, start: 'signup' as const, mode: 'first_time' as const },
  funnel: { funnelId: 'default', granularity: 'day' as TGranularity },
  adoption: { granularity: 'week' as TGranularity },
  revenue: { granularity: 'week' as TGranularity },
};

const base = (p: AnalyticsParams) => ({ from: p.from, to: p.to, breakdown: p.breakdown });

export const activeInput = (p: AnalyticsParams, granularity: TGranularity) => ({ ...base(p), granularity });
export const adoptionInput = activeInput;
export const retentionInput = (
  p: AnalyticsParams,
  o: { granularity: 'day' | 'week'; start: 'signup' | 'active'; mode: 'first_time' | 'recurring' },
) => ({ ...base(p), ...o });
export const funnelInput = (p: AnalyticsParams, funnelId: string, granularity: TGranularity) => ({
  ...base(p),
  funnelId,
  granularity,
});
/** Revenue breaks down by plan only: a platform breakdown shows the whole product. */
export const revenueInput = (p: AnalyticsParams, granularity: TGranularity) => ({
  ...base(p),
  breakdown: p.breakdown === 'platform' ? ('none' as const) : p.breakdown,
  granularity,
});

/** Every query the page sends on its first render, for the server's prefetch. */
export const firstQueries = (p: AnalyticsParams) => [
  { path: 'analytics.getActiveUsers', input: activeInput(p, CARD_DEFAULTS.active.granularity) },
  { path: 'analytics.getRetention', input: retentionInput(p, CARD_DEFAULTS.retention) },
  {
    path: 'analytics.getFunnel',
    input: funnelInput(p, CARD_DEFAULTS.funnel.funnelId, CARD_DEFAULTS.funnel.granularity),
  },
  { path: 'analytics.getAdoption', input: adoptionInput(p, CARD_DEFAULTS.adoption.granularity) },
  { path: 'analytics.getRevenue', input: revenueInput(p, CARD_DEFAULTS.revenue.granularity) },
  { path: 'analytics.getDefinitions' },
  { path: 'analytics.getRecompute' },
];
