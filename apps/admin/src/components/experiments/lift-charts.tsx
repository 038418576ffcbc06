'use client';

import type { TResultsOutput } from '@bytelyst/routers/modules/experiments/results-schema';
import {
  Area,
  Bar,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatShortDateTime } from '~/lib/format';
import styles from './experiments.module.css';
import { formatInterval, formatLift } from './labels';

// SVG presentation attributes take no CSS variables: these repeat the tokens of globals.css.
const GRID = '#ececf0';
const AXIS = '#8e8e99';
const GOOD = '#1f8f52';
const BAD = '#d93f3f';
const NEUTRAL = '#8e8e99';
const ACCENT = '#5b5bd6';
const TOOLTIP = { borderRadius: 8, border: '1px solid #e6e6ea', fontSize: 12 };

export type IntervalRow = {
  variant: string;
  lift: number;
  range: [number, number];
};

/** Round bounds for the lift axis, as shares of 1. */
const NICE = [0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 20, 50];

/** A symmetric axis around 0 that holds every bound, with five round ticks. */
const scaleOf = (values: readonly number[]) => {
  const widest = Math.max(0, ...values.filter(Number.isFinite).map((v) => Math.abs(v)));
  const bound = NICE.find((n) => n >= widest * 1.05) ?? Math.ceil(widest);
  return {
    domain: [-bound, bound] as [number, number],
    ticks: [-bound, -bound / 2, 0, bound / 2, bound],
  };
};

/** An axis tick: whole percent with its sign. */
const formatTick = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.round(Math.abs(v) * 100)} %`;

const clock = new Intl.DateTimeFormat('en', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Green when the whole interval is on the better side of 0, red when on the worse side, grey across it. */
const toneOf = ([low, high]: [number, number], direction: 'higher' | 'lower') => {
  const better = direction === 'higher' ? low > 0 : high < 0;
  const worse = direction === 'higher' ? high < 0 : low > 0;
  return better ? GOOD : worse ? BAD : NEUTRAL;
};

type ShapeProps = { x?: number; y?: number; width?: number; height?: number; payload?: IntervalRow };

/**
 * The relative lift of each treatment against control with its interval: a bar from the lower to the upper
 * bound, the estimate as a tick, and 0 (no effect) as the reference line.
 */
export function IntervalChart({
  rows,
  direction,
  label,
}: {
  rows: readonly IntervalRow[];
  direction: 'higher' | 'lower';
  label: string;
}) {
  const { domain, ticks } = scaleOf(rows.flatMap((r) => r.range));
  const shape = ({ x = 0, y = 0, width = 0, height = 0, payload }: ShapeProps) => {
    if (!payload) return <g />;
    const [low, high] = payload.range;
    const share = high === low ? 0.5 : (payload.lift - low) / (high - low);
    const color = toneOf(payload.range, direction);
    const tick = x + width * share;
    return (
      <g>
        <rect
          x={x}
          y={y + height / 4}
          width={Math.max(width, 1)}
          height={height / 2}
          rx={3}
          fill={color}
          opacity={0.3}
        />
        <line x1={tick} x2={tick} y1={y + 2} y2={y + height - 2} stroke={color} strokeWidth={3} />
      </g>
    );
  };
  return (
    <div
      className={styles.intervalBox}
      role="img"
      aria-label={label}
      style={{ height: 56 + rows.length * 44 }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          layout="vertical"
          data={rows.map((r) => ({ ...r }))}
          margin={{ top: 8, right: 24, bottom: 0, left: 8 }}
        >
          <CartesianGrid horizontal={false} stroke={GRID} />
          <XAxis
            type="number"
            domain={domain}
            ticks={ticks}
            tickFormatter={formatTick}
            tickLine={false}
            axisLine={false}
            fontSize={11}
            stroke={AXIS}
          />
          <YAxis
            type="category"
            dataKey="variant"
            width={96}
            tickLine={false}
            axisLine={false}
            fontSize={12}
            stroke={AXIS}
          />
          <ReferenceLine x={0} stroke={AXIS} strokeDasharray="3 3" />
          <Tooltip
            cursor={{ fill: '#f3f3f8' }}
            contentStyle={TOOLTIP}
            formatter={(_value, _name, item) => {
              const row = item.payload as IntervalRow;
              return [`${formatLift(row.lift)} (${formatInterval(row.range)})`, 'Lift'];
            }}
          />
          <Bar dataKey="range" barSize={28} shape={shape} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

/**
 * The primary metric's lift (first treatment, frequentist) at each computation, with its interval as a band:
 * how the estimate settled as units came in.
 */
export function LiftHistoryChart({ history }: { history: TResultsOutput['history'] }) {
  const computed = [...history].reverse().flatMap((h) => (h.primary ? [{ ...h, primary: h.primary }] : []));
  const first = computed[0]?.computedAt;
  const last = computed[computed.length - 1]?.computedAt;
  // Computations of one day are told apart by their time; longer runs by their date.
  const sameDay =
    first !== undefined && last !== undefined && Date.parse(last) - Date.parse(first) < 86_400_000;
  const points = computed.map((h) => ({
    at: sameDay ? clock.format(new Date(h.computedAt)) : formatShortDateTime(h.computedAt),
    lift: h.primary.lift,
    band: h.primary.ci,
    units: h.units,
  }));
  const { domain, ticks } = scaleOf(points.flatMap((p) => p.band));
  return (
    <div
      className={styles.chartBox}
      role="img"
      aria-label="Line chart of the primary metric's lift at each computation"
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid vertical={false} stroke={GRID} />
          <XAxis dataKey="at" tickLine={false} axisLine={false} fontSize={11} stroke={AXIS} />
          <YAxis
            domain={domain}
            ticks={ticks}
            tickFormatter={formatTick}
            tickLine={false}
            axisLine={false}
            fontSize={11}
            stroke={AXIS}
            width={64}
          />
          <ReferenceLine y={0} stroke={AXIS} strokeDasharray="3 3" />
          <Tooltip
            contentStyle={TOOLTIP}
            formatter={(value, name, item) => {
              const row = item.payload as (typeof points)[number];
              return name === 'Interval'
                ? [formatInterval(row.band), 'Interval']
                : [`${formatLift(typeof value === 'number' ? value : 0)} · ${row.units} units`, 'Lift'];
            }}
          />
          <Area
            dataKey="band"
            name="Interval"
            stroke="none"
            fill={ACCENT}
            fillOpacity={0.15}
            isAnimationActive={false}
          />
          <Line
            dataKey="lift"
            name="Lift"
            stroke={ACCENT}
            strokeWidth={2}
            dot={{ r: 3 }}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
      {points.length === 0 ? <p className={styles.chartEmpty}>No computation with a comparison yet</p> : null}
    </div>
  );
}
