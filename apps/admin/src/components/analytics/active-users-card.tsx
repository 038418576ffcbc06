'use client';

import type { TGranularity } from '@bytelyst/routers/modules/analytics/schema';
import type { TActiveUsersOutput } from '@bytelyst/routers/modules/analytics/schema-views';
import { useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Card } from '~/components/kit/card';
import { KEEP_PREVIOUS } from '~/hooks/use-list-state';
import { formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import styles from './analytics.module.css';
import { type AnalyticsParams, activeInput, CARD_DEFAULTS } from './analytics-params';
import { ChartFrame, FigureTable, NOT_ROLLED_UP_HINT } from './chart-frame';
import { CsvButton } from './csv-button';
import { AXIS, colorAt, formatCount, formatPeriod, formatShare, GRID, segmentLabel, TOOLTIP } from './format';
import { useReportRollup } from './rollup-time';

type Point = TActiveUsersOutput['series'][number]['points'][number];
type Measure = 'dau' | 'wau' | 'mau' | 'active' | 'stickiness';

const WINDOWS = [
  { value: 'day', label: 'Rolling (daily)' },
  { value: 'week', label: 'Calendar weeks' },
  { value: 'month', label: 'Calendar months' },
] as const;

const WINDOW_NOTES: Record<TGranularity, string> = {
  day: 'Rolling: WAU is the 7 days to each day, MAU the 30; stickiness = DAU ÷ MAU',
  week: 'Calendar weeks (Monday to Sunday): distinct users per week; stickiness = mean DAU ÷ active',
  month: 'Calendar months: distinct users per month; stickiness = mean DAU ÷ active',
};

/** The measures of a window, as the API defines them. */
const measuresOf = (granularity: TGranularity): { key: Measure; label: string }[] =>
  granularity === 'day'
    ? [
        { key: 'dau', label: 'DAU' },
        { key: 'wau', label: 'WAU (7 days)' },
        { key: 'mau', label: 'MAU (30 days)' },
        { key: 'stickiness', label: 'Stickiness' },
      ]
    : [
        { key: 'dau', label: 'Mean DAU' },
        { key: 'active', label: granularity === 'week' ? 'Active in the week' : 'Active in the month' },
        { key: 'stickiness', label: 'Stickiness' },
      ];

const show = (measure: Measure, value: number | null) =>
  measure === 'stickiness' ? formatShare(value) : formatCount(value);

/** DAU, WAU and MAU (or a calendar window's distinct users) over the range, with stickiness, by segment. */
export function ActiveUsersCard({ params }: { params: AnalyticsParams }) {
  const [granularity, setGranularity] = useState<TGranularity>(CARD_DEFAULTS.active.granularity);
  const [picked, setPicked] = useState<Measure>('dau');
  const input = activeInput(params, granularity);
  const query = trpc.analytics.getActiveUsers.useQuery(input, KEEP_PREVIOUS);
  const data = query.data;
  useReportRollup('active', data?.rolledUpAt);

  const measures = measuresOf(granularity);
  const measure = measures.some((m) => m.key === picked) ? picked : 'dau';
  const series = data?.series ?? [];
  const split = params.breakdown !== 'none';
  // Whole product: one line per measure (stickiness, a share, goes in the figures). Split: one per segment.
  const lines = split
    ? series.map((s, i) => ({ key: `s${i}`, label: segmentLabel(s.segment), color: colorAt(i) }))
    : measures
        .filter((m) => m.key !== 'stickiness')
        .map((m, i) => ({ key: m.key, label: m.label, color: colorAt(i) }));
  const periods = series[0]?.points.map((p) => p.period) ?? [];
  const rows = periods.map((period, i) => {
    const row: Record<string, string | number | null> = { label: formatPeriod(period, granularity) };
    if (split) for (const [k, s] of series.entries()) row[`s${k}`] = s.points[i]?.[measure] ?? null;
    else for (const m of measures) row[m.key] = series[0]?.points[i]?.[m.key] ?? null;
    return row;
  });
  const latest = (points: readonly Point[]) => [...points].reverse().find((p) => p.dau !== null);
  const figures = split
    ? series.map((s) => ({
        label: segmentLabel(s.segment),
        value: show(measure, latest(s.points)?.[measure] ?? null),
      }))
    : measures.map((m) => ({
        label: m.label,
        value: show(m.key, series[0] ? (latest(series[0].points)?.[m.key] ?? null) : null),
      }));
  const hasActivity = series.some((s) => s.points.some((p) => (p.dau ?? 0) > 0 || (p.active ?? 0) > 0));
  const empty = !data
    ? null
    : !data.rolledUpAt
      ? 'Not rolled up for this range'
      : hasActivity
        ? null
        : 'No active users in this range';
  const percent = split && measure === 'stickiness';
  const measureLabel = measures.find((m) => m.key === measure)?.label ?? measure;

  return (
    <Card
      titleId="analytics-active-title"
      title="Active users"
      subtitle={`${WINDOW_NOTES[granularity]}${data?.rolledUpAt ? ` · rolled up ${formatDateTime(data.rolledUpAt)}` : ''}`}
      actions={
        <div className={styles.cardActions}>
          <select
            className="select select-sm"
            aria-label="Active users window"
            value={granularity}
            onChange={(event) => setGranularity(event.target.value as TGranularity)}
          >
            {WINDOWS.map((w) => (
              <option key={w.value} value={w.value}>
                {w.label}
              </option>
            ))}
          </select>
          {split ? (
            <select
              className="select select-sm"
              aria-label="Active users measure"
              value={measure}
              onChange={(event) => setPicked(event.target.value as Measure)}
            >
              {measures.map((m) => (
                <option key={m.key} value={m.key}>
                  {m.label}
                </option>
              ))}
            </select>
          ) : null}
          <CsvButton label="active users" input={{ view: 'active-users', ...input }} />
        </div>
      }
    >
      <div className={styles.stack}>
        {data && !empty ? (
          <dl className={styles.figures} aria-label={split ? `Latest ${measureLabel}` : 'Latest day'}>
            {figures.map((f) => (
              <div key={f.label}>
                <dt>{f.label}</dt>
                <dd>{f.value}</dd>
              </div>
            ))}
          </dl>
        ) : null}
        <ChartFrame
          query={query}
          empty={empty}
          emptyHint={data?.rolledUpAt ? undefined : NOT_ROLLED_UP_HINT}
          label={`Line chart of ${split ? `${measureLabel} by ${params.breakdown}` : lines.map((l) => l.label).join(', ')} per ${granularity}, ${params.from} to ${params.to}`}
          chart={
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: -8 }}>
                <CartesianGrid vertical={false} stroke={GRID} />
                <XAxis
                  dataKey="label"
                  tickLine={false}
                  axisLine={false}
                  fontSize={11}
                  stroke={AXIS}
                  minTickGap={16}
                />
                <YAxis
                  allowDecimals={percent}
                  tickFormatter={(v: number) => (percent ? formatShare(v) : formatCount(v))}
                  tickLine={false}
                  axisLine={false}
                  fontSize={11}
                  stroke={AXIS}
                />
                <Tooltip
                  contentStyle={TOOLTIP}
                  formatter={(value) =>
                    typeof value === 'number' ? (percent ? formatShare(value) : formatCount(value)) : '—'
                  }
                />
                <Legend iconType="plainline" wrapperStyle={{ fontSize: 12 }} />
                {lines.map((line) => (
                  <Line
                    key={line.key}
                    type="monotone"
                    dataKey={line.key}
                    name={line.label}
                    stroke={line.color}
                    strokeWidth={2}
                    dot={rows.length <= 31 ? { r: 2.5 } : false}
                    isAnimationActive={false}
                    connectNulls
                  />
                ))}
              </LineChart>
            </ResponsiveContainer>
          }
          table={
            <FigureTable
              caption="Active users per period"
              header={[
                'Period',
                ...(split ? series.map((s) => segmentLabel(s.segment)) : measures.map((m) => m.label)),
              ]}
              rows={periods.map((period, i) => [
                period,
                ...(split
                  ? series.map((s) => show(measure, s.points[i]?.[measure] ?? null))
                  : measures.map((m) => show(m.key, series[0]?.points[i]?.[m.key] ?? null))),
              ])}
            />
          }
        />
      </div>
    </Card>
  );
}
