'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Card } from '~/components/kit/card';
import { ErrorState } from '~/components/kit/states';
import { trpc } from '~/lib/trpc';
import styles from './delivery.module.css';
import { STATS_DAYS, STATS_INPUT } from './delivery-list';

/** Provider events arrive in the background; a slow refresh keeps the counts honest. */
const STATS_REFRESH_MS = 30_000;
const dayLabel = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });

// SVG presentation attributes take no CSS variables: these repeat the tokens of globals.css.
const SERIES = [
  { key: 'sent', name: 'Sent', color: '#5b5bd6' },
  { key: 'delivered', name: 'Delivered', color: '#1f8f52' },
  { key: 'bounced', name: 'Bounced', color: '#d93f3f' },
  { key: 'opened', name: 'Opened', color: '#1e6fd9' },
] as const;

const CARDS = [
  { key: 'sent', label: 'Sent', hint: 'Handed to a provider' },
  { key: 'delivered', label: 'Delivered', hint: 'Accepted by the inbox or device' },
  { key: 'bounced', label: 'Bounced', hint: 'Bounced or dropped' },
  { key: 'opened', label: 'Opened', hint: 'Opened or clicked' },
  { key: 'failed', label: 'Failed', hint: 'Gave up after retries' },
] as const;

export function DeliveryStats() {
  const stats = trpc.delivery.getStats.useQuery(STATS_INPUT, { refetchInterval: STATS_REFRESH_MS });
  if (stats.error) {
    return (
      <div className="card">
        <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />
      </div>
    );
  }
  const totals = stats.data?.totals;
  const days = (stats.data?.days ?? []).map((row) => ({
    ...row,
    label: dayLabel.format(new Date(`${row.day}T00:00:00Z`)),
  }));
  const danger = (key: string) =>
    (key === 'bounced' || key === 'failed') && totals && totals[key] > 0 ? 'stat-danger' : '';
  return (
    <>
      <section className="grid grid-stats" aria-label={`Delivery counts, last ${STATS_DAYS} days`}>
        {CARDS.map((card) => (
          <div className={`card stat ${danger(card.key)}`} key={card.key}>
            <p className="stat-label">{card.label}</p>
            <p className="stat-value">
              {totals === undefined ? (
                <span className={`skeleton ${styles.statSkeleton}`} />
              ) : (
                totals[card.key].toLocaleString()
              )}
            </p>
            <p className="stat-hint">
              {card.hint} · {STATS_DAYS} days
            </p>
          </div>
        ))}
      </section>
      <Card titleId="delivery-chart-title" title="Per day" subtitle={`Last ${STATS_DAYS} days, UTC`}>
        <div
          className={styles.chartBox}
          role="img"
          aria-label="Bar chart of messages sent, delivered, bounced and opened per day"
        >
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: -20 }}>
              <CartesianGrid vertical={false} stroke="#ececf0" />
              <XAxis dataKey="label" tickLine={false} axisLine={false} fontSize={11} stroke="#8e8e99" />
              <YAxis allowDecimals={false} tickLine={false} axisLine={false} fontSize={11} stroke="#8e8e99" />
              <Tooltip
                cursor={{ fill: '#f3f3f8' }}
                contentStyle={{ borderRadius: 8, border: '1px solid #e6e6ea', fontSize: 12 }}
              />
              <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
              {SERIES.map((series) => (
                <Bar
                  key={series.key}
                  dataKey={series.key}
                  name={series.name}
                  fill={series.color}
                  radius={[3, 3, 0, 0]}
                  maxBarSize={12}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
          {stats.data && days.every((d) => d.sent + d.delivered + d.bounced + d.opened === 0) ? (
            <p className={styles.chartEmpty}>Nothing sent in the last {STATS_DAYS} days</p>
          ) : null}
        </div>
      </Card>
    </>
  );
}
