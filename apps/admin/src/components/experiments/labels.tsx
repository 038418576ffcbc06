import type { TMetricKind } from '@bytelyst/routers/modules/experiments/metrics-schema';
import type { TExperiment, TExperimentStatus } from '@bytelyst/routers/modules/experiments/schema';
import { Badge, type Tone } from '~/components/kit/badge';

const DAY_MS = 86_400_000;

export const STATUS_LABELS: Record<TExperimentStatus, string> = {
  draft: 'Draft',
  running: 'Running',
  paused: 'Paused',
  concluded: 'Concluded',
};
const STATUS_TONES: Record<TExperimentStatus, Tone> = {
  draft: 'neutral',
  running: 'success',
  paused: 'warning',
  concluded: 'info',
};

export function ExperimentStatusBadge({ status }: { status: TExperimentStatus }) {
  return (
    <Badge tone={STATUS_TONES[status]} dot>
      {STATUS_LABELS[status]}
    </Badge>
  );
}

export const KIND_LABELS: Record<TMetricKind, string> = {
  conversion: 'Conversion',
  count: 'Count',
  sum: 'Sum',
  ratio: 'Ratio',
};

// SVG presentation attributes and inline swatches take no CSS variables: these repeat the tokens of
// globals.css (control in the faint text colour, then accent, success, warning, info, danger).
export const VARIANT_COLORS = ['#8e8e99', '#5b5bd6', '#1f8f52', '#b86e00', '#1e6fd9', '#d93f3f'];
export const variantColor = (index: number) => VARIANT_COLORS[index % VARIANT_COLORS.length] ?? '#8e8e99';

/** A share of 1 as a percentage: `0.123` → `12.3 %`. */
export const formatPercent = (share: number, digits = 1) => `${(share * 100).toFixed(digits)} %`;

/** A relative lift with its sign: `+12.3 %`, `−4.0 %`. */
export const formatLift = (lift: number) => {
  const text = formatPercent(Math.abs(lift));
  if (lift > 0) return `+${text}`;
  return lift < 0 ? `−${text}` : text;
};

export const formatInterval = ([low, high]: readonly [number, number]) =>
  `${formatLift(low)} to ${formatLift(high)}`;

export const formatPValue = (p: number) => (p < 0.001 ? '< 0.001' : p.toFixed(3));

/** A p-value in a sentence: `p = 0.584`, `p < 0.001`. */
export const formatP = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);

/** A metric's per-unit value: a conversion rate as a percentage, anything else as a number. */
export const formatMetricValue = (value: number, kind: string) =>
  kind === 'conversion'
    ? formatPercent(value)
    : value.toLocaleString('en', { maximumFractionDigits: Math.abs(value) < 10 ? 3 : 1 });

/** Whole days since the start, to the conclusion (or pause) if it came first; null before the start. */
export const daysRunning = (
  e: Pick<TExperiment, 'startedAt' | 'pausedAt' | 'concludedAt' | 'status'>,
  now: number,
): number | null => {
  if (!e.startedAt) return null;
  const end = e.concludedAt ?? (e.status === 'paused' ? e.pausedAt : null);
  const to = end ? Date.parse(end) : now;
  return Math.max(0, Math.floor((to - Date.parse(e.startedAt)) / DAY_MS));
};

export const formatDays = (days: number | null) =>
  days === null ? '—' : days === 0 ? '< 1 day' : `${days} day${days === 1 ? '' : 's'}`;
