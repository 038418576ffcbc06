'use client';

import type { TGranularity } from '@bytelyst/routers/modules/analytics/schema';
import { Fragment, useState } from 'react';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { Card } from '~/components/kit/card';
import { KEEP_PREVIOUS } from '~/hooks/use-list-state';
import { formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import styles from './analytics.module.css';
import { type AnalyticsParams, CARD_DEFAULTS, revenueInput } from './analytics-params';
import { ChartFrame, FigureTable, NOT_ROLLED_UP_HINT } from './chart-frame';
import { CsvButton } from './csv-button';
import {
  AXIS,
  CURSOR,
  formatMoney,
  formatPeriod,
  GRANULARITY_OPTIONS,
  GRID,
  segmentLabel,
  TOOLTIP,
} from './format';
import { DEFINITION_LABELS, RevenueFigures } from './revenue-figures';
import { useReportRollup } from './rollup-time';

/** MRR movements, stacked: gains above the axis, losses below it (drawn negative). */
const MOVES = [
  { key: 'new', label: 'New', color: '#1f8f52', sign: 1 },
  { key: 'expansion', label: 'Expansion', color: '#5b5bd6', sign: 1 },
  { key: 'reactivation', label: 'Reactivation', color: '#0f766e', sign: 1 },
  { key: 'contraction', label: 'Contraction', color: '#b86e00', sign: -1 },
  { key: 'churned', label: 'Churned', color: '#d93f3f', sign: -1 },
] as const;
const MRR_LINE = '#17171c';

/** MRR over the range with its movements per period, and the latest period's churn, ARPU and LTV. */
export function RevenueCard({ params }: { params: AnalyticsParams }) {
  const [granularity, setGranularity] = useState<TGranularity>(CARD_DEFAULTS.revenue.granularity);
  const [segmentPick, setSegmentPick] = useState('');
  const input = revenueInput(params, granularity);
  const query = trpc.analytics.getRevenue.useQuery(input, KEEP_PREVIOUS);
  const data = query.data;
  useReportRollup('revenue', data?.rolledUpAt);

  const series = data?.series ?? [];
  const current = series.find((s) => s.segment === segmentPick) ?? series[0];
  const points = current?.points ?? [];
  const currency = data?.currency ?? null;
  const money = (v: unknown) => (typeof v === 'number' ? formatMoney(v, currency) : '—');
  const tick = (v: number) => formatMoney(v, currency, true);
  const rows = points.map((p) => ({
    label: formatPeriod(p.period, granularity),
    mrr: p.mrr,
    ...Object.fromEntries(MOVES.map((m) => [m.key, m.sign * p[m.key]])),
  }));
  const empty = !data
    ? null
    : !data.rolledUpAt
      ? 'Not rolled up for this range'
      : points.every((p) => p.mrr === 0 && p.mrrStart === 0 && p.netNewMrr === 0)
        ? 'No paying customers in this range'
        : null;

  return (
    <>
      {data && !empty ? (
        <RevenueFigures
          point={points.at(-1)}
          currency={currency}
          definitions={data.definitions}
          granularity={granularity}
        />
      ) : null}
      <Card
        titleId="analytics-revenue-title"
        title="MRR and its movements"
        subtitle={`${params.breakdown === 'platform' ? 'Revenue breaks down by plan only: the whole product · ' : ''}Annual plans count ÷ 12; trials do not count${data?.rolledUpAt ? ` · rolled up ${formatDateTime(data.rolledUpAt)}` : ''}`}
        actions={
          <div className={styles.cardActions}>
            <select
              className="select select-sm"
              aria-label="Revenue period"
              value={granularity}
              onChange={(event) => setGranularity(event.target.value as TGranularity)}
            >
              {GRANULARITY_OPTIONS.map((g) => (
                <option key={g.value} value={g.value}>
                  {`Per ${g.label.toLowerCase()}`}
                </option>
              ))}
            </select>
            {params.breakdown === 'plan' && series.length > 0 ? (
              <select
                className="select select-sm"
                aria-label="Revenue plan"
                value={current?.segment ?? ''}
                onChange={(event) => setSegmentPick(event.target.value)}
              >
                {series.map((s) => (
                  <option key={s.segment} value={s.segment}>
                    {segmentLabel(s.segment)}
                  </option>
                ))}
              </select>
            ) : null}
            <CsvButton label="revenue" input={{ view: 'revenue', ...input }} />
          </div>
        }
      >
        <div className={styles.stack}>
          <ChartFrame
            query={query}
            empty={empty}
            emptyHint={data?.rolledUpAt ? undefined : NOT_ROLLED_UP_HINT}
            tall
            label={`MRR per ${granularity} as a line, with new, expansion and reactivation MRR stacked above zero and contraction and churned MRR below`}
            chart={
              <ResponsiveContainer width="100%" height="100%">
                <ComposedChart
                  data={rows}
                  stackOffset="sign"
                  margin={{ top: 8, right: 8, bottom: 0, left: 8 }}
                >
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
                    yAxisId="moves"
                    tickFormatter={tick}
                    tickLine={false}
                    axisLine={false}
                    fontSize={11}
                    stroke={AXIS}
                    width={72}
                  />
                  <YAxis
                    yAxisId="mrr"
                    orientation="right"
                    tickFormatter={tick}
                    tickLine={false}
                    axisLine={false}
                    fontSize={11}
                    stroke={AXIS}
                    width={72}
                  />
                  <ReferenceLine yAxisId="moves" y={0} stroke={AXIS} />
                  <Tooltip cursor={{ fill: CURSOR }} contentStyle={TOOLTIP} formatter={money} />
                  <Legend wrapperStyle={{ fontSize: 12 }} />
                  {MOVES.map((m) => (
                    <Bar
                      key={m.key}
                      yAxisId="moves"
                      dataKey={m.key}
                      name={m.label}
                      stackId="moves"
                      fill={m.color}
                      maxBarSize={32}
                      isAnimationActive={false}
                    />
                  ))}
                  <Line
                    yAxisId="mrr"
                    type="monotone"
                    dataKey="mrr"
                    name="MRR (right axis)"
                    stroke={MRR_LINE}
                    strokeWidth={2}
                    dot={false}
                    isAnimationActive={false}
                  />
                </ComposedChart>
              </ResponsiveContainer>
            }
            table={
              <FigureTable
                caption="MRR and movements per period"
                header={['Period', 'MRR', 'Customers', ...MOVES.map((m) => m.label), 'Net new MRR']}
                rows={points.map((p) => [
                  p.period,
                  money(p.mrr),
                  p.customers,
                  ...MOVES.map((m) => money(p[m.key])),
                  money(p.netNewMrr),
                ])}
              />
            }
          />
          {data && !empty ? (
            <details className="disclosure">
              <summary>Definitions</summary>
              <dl className="dl">
                {Object.entries(data.definitions).map(([key, text]) => (
                  <Fragment key={key}>
                    <dt>{DEFINITION_LABELS[key] ?? key}</dt>
                    <dd>{text}</dd>
                  </Fragment>
                ))}
              </dl>
            </details>
          ) : null}
        </div>
      </Card>
    </>
  );
}
