import { csvRow } from '../growth/waitlist/csv';
import type {
  TActiveUsersOutput,
  TAdoptionOutput,
  TFunnelOutput,
  TRetentionOutput,
  TRevenueOutput,
} from './schema-views';

type Cell = string | number | null | undefined;
const table = (header: readonly string[], rows: readonly Cell[][]): string =>
  [csvRow(header), ...rows.map((row) => csvRow(row))].join('');

/** Each view's data as CSV (RFC 4180, one row per segment and period), as the console downloads it. */
export const activeUsersCsv = (view: TActiveUsersOutput) =>
  table(
    ['segment', 'period', 'window', 'dau', 'wau', 'mau', 'active', 'stickiness'],
    view.series.flatMap((s) =>
      s.points.map((p) => [s.segment, p.period, view.window, p.dau, p.wau, p.mau, p.active, p.stickiness]),
    ),
  );

export const retentionCsv = (view: TRetentionOutput) => {
  const offsets = view.granularity === 'day' ? 31 : 13;
  const unit = view.granularity === 'day' ? 'd' : 'w';
  const header = [
    'segment',
    'cohort',
    'size',
    ...Array.from({ length: offsets }, (_, n) => `on_${unit}${n}`),
    ...Array.from({ length: offsets }, (_, n) => `on_or_after_${unit}${n}`),
  ];
  return table(
    header,
    view.series.flatMap((s) => s.cohorts.map((c) => [s.segment, c.cohort, c.size, ...c.on, ...c.onOrAfter])),
  );
};

export const funnelCsv = (view: TFunnelOutput) =>
  table(
    [
      'segment',
      'step',
      'name',
      'count',
      'conversion_from_previous',
      'conversion_from_start',
      'drop_off',
      'median_seconds_from_previous',
    ],
    view.series.flatMap((s) =>
      s.steps.map((step) => [
        s.segment,
        step.index + 1,
        step.name,
        step.count,
        step.conversionFromPrevious,
        step.conversionFromStart,
        step.dropOff,
        step.medianSecondsFromPrevious,
      ]),
    ),
  );

export const adoptionCsv = (view: TAdoptionOutput) =>
  table(
    ['segment', 'period', 'active', 'feature', 'users', 'share'],
    view.series.flatMap((s) =>
      s.points.flatMap((p) => p.features.map((f) => [s.segment, p.period, p.active, f.id, f.users, f.share])),
    ),
  );

const REVENUE_COLUMNS = [
  'mrrStart',
  'mrr',
  'customersStart',
  'customers',
  'new',
  'expansion',
  'contraction',
  'churned',
  'reactivation',
  'netNewMrr',
  'newCustomers',
  'reactivatedCustomers',
  'churnedCustomers',
  'customerChurnRate',
  'grossMrrChurnRate',
  'netMrrChurnRate',
  'arpu',
  'ltv',
] as const;

export const revenueCsv = (view: TRevenueOutput) =>
  table(
    ['segment', 'period', 'currency', ...REVENUE_COLUMNS],
    view.series.flatMap((s) =>
      s.points.map((p) => [s.segment, p.period, view.currency, ...REVENUE_COLUMNS.map((c) => p[c])]),
    ),
  );
