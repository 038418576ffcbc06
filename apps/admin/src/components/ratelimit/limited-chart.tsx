'use client';

import type { TRateLimitStats } from '@bytelyst/routers/modules/ratelimit/schema';
import styles from './ratelimit.module.css';

type Bucket = TRateLimitStats['perMinute'][number];

const WIDTH = 720;
const HEIGHT = 160;
const PAD = { top: 10, right: 8, bottom: 22, left: 34 };

const timeLabel = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit', hour12: false });

/** A round top for the y axis: 1, 2, 5, 10, 20, 50, ... at or above `max`. */
const niceTop = (max: number): number => {
  if (max <= 4) return 4;
  const power = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 5, 10].map((step) => step * power).find((top) => top >= max) ?? 10 * power) as number;
};

/**
 * Stacked bars of 429s (rate limits) and 403s (deny rules) per bucket, inline SVG coloured from the theme's
 * tokens (classes in ratelimit.module.css), so it needs no chart library and follows the palette.
 */
export function LimitedChart({ buckets, unit }: { buckets: readonly Bucket[]; unit: 'minute' | 'hour' }) {
  const max = niceTop(Math.max(0, ...buckets.map((bucket) => bucket.limited + bucket.denied)));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotWidth / Math.max(1, buckets.length);
  const barWidth = Math.max(1, slot * 0.7);
  const y = (value: number) => PAD.top + plotHeight - (value / max) * plotHeight;
  // Labels on round times (local): every ten minutes, or every four hours.
  const labelled = (at: Date) =>
    unit === 'minute' ? at.getMinutes() % 10 === 0 : at.getMinutes() === 0 && at.getHours() % 4 === 0;
  const total = buckets.reduce((sum, bucket) => sum + bucket.limited + bucket.denied, 0);
  const label =
    `Refused requests per ${unit} over the last ${unit === 'minute' ? 'hour' : 'day'}: ` +
    `${buckets.reduce((sum, b) => sum + b.limited, 0)} rate-limited (429), ` +
    `${buckets.reduce((sum, b) => sum + b.denied, 0)} denied by IP rules (403)`;
  return (
    <div className={styles.chartBox}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className={styles.chart} role="img" aria-label={label}>
        {[0, max / 2, max].map((tick) => (
          <g key={tick}>
            <line
              x1={PAD.left}
              x2={WIDTH - PAD.right}
              y1={y(tick)}
              y2={y(tick)}
              className={styles.gridLine}
            />
            <text x={PAD.left - 6} y={y(tick) + 4} className={styles.axisText} textAnchor="end">
              {tick}
            </text>
          </g>
        ))}
        {buckets.map((bucket, index) => {
          const x = PAD.left + index * slot + (slot - barWidth) / 2;
          const at = new Date(bucket.at);
          return (
            <g key={bucket.at}>
              <title>{`${timeLabel.format(at)}: ${bucket.limited} × 429, ${bucket.denied} × 403`}</title>
              {bucket.limited > 0 ? (
                <rect
                  x={x}
                  width={barWidth}
                  y={y(bucket.limited)}
                  height={y(0) - y(bucket.limited)}
                  className={styles.barLimited}
                  rx={1.5}
                />
              ) : null}
              {bucket.denied > 0 ? (
                <rect
                  x={x}
                  width={barWidth}
                  y={y(bucket.limited + bucket.denied)}
                  height={y(bucket.limited) - y(bucket.limited + bucket.denied)}
                  className={styles.barDenied}
                  rx={1.5}
                />
              ) : null}
              {labelled(at) ? (
                <text x={x + barWidth / 2} y={HEIGHT - 6} className={styles.axisText} textAnchor="middle">
                  {timeLabel.format(at)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      {total === 0 ? <p className={styles.chartEmpty}>Nothing refused in this period</p> : null}
      <p className={styles.legend}>
        <span className={styles.legendLimited} aria-hidden="true" /> Rate-limited (429)
        <span className={styles.legendDenied} aria-hidden="true" /> Denied by an IP rule (403)
      </p>
    </div>
  );
}
