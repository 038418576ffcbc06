'use client';

import type { TGranularity } from '@bytelyst/routers/modules/analytics/schema';
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Card } from '~/components/kit/card';
import { KEEP_PREVIOUS } from '~/hooks/use-list-state';
import { formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import styles from './analytics.module.css';
import { type AnalyticsParams, adoptionInput, CARD_DEFAULTS } from './analytics-params';
import { ChartFrame, FigureTable, NOT_ROLLED_UP_HINT } from './chart-frame';
import { CsvButton } from './csv-button';
import {
  AXIS,
  CURSOR,
  colorAt,
  formatPeriod,
  formatShare,
  GRANULARITY_OPTIONS,
  GRID,
  segmentLabel,
  TOOLTIP,
} from './format';
import { useReportRollup } from './rollup-time';

/** The share of active users who used each feature, per period; split: one feature, a bar per segment. */
export function AdoptionCard({ params }: { params: AnalyticsParams }) {
  const [granularity, setGranularity] = useState<TGranularity>(CARD_DEFAULTS.adoption.granularity);
  const [featurePick, setFeaturePick] = useState('');
  const input = adoptionInput(params, granularity);
  const query = trpc.analytics.getAdoption.useQuery(input, KEEP_PREVIOUS);
  const data = query.data;
  useReportRollup('adoption', data?.rolledUpAt);

  const features = data?.features ?? [];
  const series = data?.series ?? [];
  const split = params.breakdown !== 'none';
  const feature = features.find((f) => f.id === featurePick) ?? features[0];
  const bars = split
    ? series.map((s, i) => ({ key: `s${i}`, label: segmentLabel(s.segment), color: colorAt(i) }))
    : features.map((f, i) => ({ key: `f${i}`, label: f.name, color: colorAt(i) }));
  const periods = series[0]?.points.map((p) => p.period) ?? [];
  const shareAt = (seriesIndex: number, pointIndex: number, featureId: string | undefined) =>
    series[seriesIndex]?.points[pointIndex]?.features.find((f) => f.id === featureId)?.share ?? null;
  const rows = periods.map((period, i) => {
    const row: Record<string, string | number | null> = { label: formatPeriod(period, granularity) };
    if (split) for (const k of series.keys()) row[`s${k}`] = shareAt(k, i, feature?.id);
    else for (const [k, f] of features.entries()) row[`f${k}`] = shareAt(0, i, f.id);
    return row;
  });
  const empty = !data
    ? null
    : features.length === 0
      ? 'No features are defined for this product'
      : !data.rolledUpAt
        ? 'Not rolled up for this range'
        : series.every((s) => s.points.every((p) => !p.active))
          ? 'No active users in this range'
          : null;

  return (
    <Card
      titleId="analytics-adoption-title"
      title="Feature adoption"
      subtitle={`Share of the period's active users who used each feature (a feature is a list of events)${data?.rolledUpAt ? ` · rolled up ${formatDateTime(data.rolledUpAt)}` : ''}`}
      actions={
        <div className={styles.cardActions}>
          <select
            className="select select-sm"
            aria-label="Adoption period"
            value={granularity}
            onChange={(event) => setGranularity(event.target.value as TGranularity)}
          >
            {GRANULARITY_OPTIONS.map((g) => (
              <option key={g.value} value={g.value}>
                {`Per ${g.label.toLowerCase()}`}
              </option>
            ))}
          </select>
          {split && features.length > 0 ? (
            <select
              className="select select-sm"
              aria-label="Adoption feature"
              value={feature?.id ?? ''}
              onChange={(event) => setFeaturePick(event.target.value)}
            >
              {features.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </select>
          ) : null}
          <CsvButton label="feature adoption" input={{ view: 'adoption', ...input }} />
        </div>
      }
    >
      <ChartFrame
        query={query}
        empty={empty}
        emptyHint={
          features.length === 0
            ? 'Define features with PUT /v1/analytics/definitions/features.'
            : data?.rolledUpAt
              ? undefined
              : NOT_ROLLED_UP_HINT
        }
        label={`Bar chart of the share of active users using ${split ? `${feature?.name ?? 'a feature'} by ${params.breakdown}` : features.map((f) => f.name).join(', ')} per ${granularity}`}
        chart={
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: -8 }}>
              <CartesianGrid vertical={false} stroke={GRID} />
              <XAxis
                dataKey="label"
                tickLine={false}
                axisLine={false}
                fontSize={11}
                stroke={AXIS}
                minTickGap={8}
              />
              <YAxis
                domain={[0, 1]}
                ticks={[0, 0.25, 0.5, 0.75, 1]}
                tickFormatter={(v: number) => formatShare(v)}
                tickLine={false}
                axisLine={false}
                fontSize={11}
                stroke={AXIS}
              />
              <Tooltip
                cursor={{ fill: CURSOR }}
                contentStyle={TOOLTIP}
                formatter={(value) => (typeof value === 'number' ? formatShare(value) : '—')}
              />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {bars.map((bar) => (
                <Bar
                  key={bar.key}
                  dataKey={bar.key}
                  name={bar.label}
                  fill={bar.color}
                  radius={[3, 3, 0, 0]}
                  maxBarSize={28}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        }
        table={
          <FigureTable
            caption="Feature adoption per period"
            header={['Period', ...(split ? [] : ['Active users']), ...bars.map((b) => b.label)]}
            rows={periods.map((period, i) => [
              period,
              ...(split ? [] : [series[0]?.points[i]?.active ?? '—']),
              ...bars.map((b) => formatShare(rows[i]?.[b.key] as number | null)),
            ])}
          />
        }
      />
    </Card>
  );
}
