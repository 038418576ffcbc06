'use client';

import type { TDunningStatsOutput } from '@bytelyst/routers/modules/dunning/schema';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import styles from '~/components/delivery/delivery.module.css';
import { Card } from '~/components/kit/card';
import { formatPrice } from './billing-format';
import { DUNNING_STATS_INPUT } from './dunning-list';

const dayLabel = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });
// SVG presentation attributes take no CSS variables: these repeat the tokens of globals.css.
const COLORS = ['#1f8f52', '#5b5bd6', '#1e6fd9', '#d98a1e'];

const totalsText = (totals: Record<string, number>) => {
  const entries = Object.entries(totals);
  return entries.length === 0 ? 'Nothing' : entries.map(([c, v]) => formatPrice(v, c)).join(' + ');
};

/** Stage counts and recovered revenue per day (one bar per currency, in major units). */
export function DunningRecovered({ stats }: { stats: TDunningStatsOutput | undefined }) {
  const currencies = Object.keys(stats?.recoveredTotal ?? {}).sort();
  const days = (stats?.recovered ?? []).map((point) => ({
    label: dayLabel.format(new Date(`${point.day}T00:00:00Z`)),
    ...Object.fromEntries(currencies.map((c) => [c, (point.amounts[c] ?? 0) / 100])),
  }));
  const open = stats ? stats.byStage.started + stats.byStage.final_warning : undefined;
  const cards = [
    { label: 'In dunning', value: open, hint: 'Payment failed or final warning' },
    { label: 'Final warning', value: stats?.byStage.final_warning, hint: "After Stripe's third attempt" },
    { label: 'Recovered', value: stats?.byStage.recovered, hint: 'Paid while in dunning, all time' },
    { label: 'Downgraded', value: stats?.byStage.downgraded, hint: 'Grace period ended unpaid, all time' },
  ];
  const rate = stats?.recoveryRate;
  return (
    <>
      <section className="grid grid-stats" aria-label="Dunning counts">
        {cards.map((card) => (
          <div className="card stat" key={card.label}>
            <p className="stat-label">{card.label}</p>
            <p className="stat-value">
              {card.value === undefined ? (
                <span className={`skeleton ${styles.statSkeleton}`} />
              ) : (
                card.value.toLocaleString()
              )}
            </p>
            <p className="stat-hint">{card.hint}</p>
          </div>
        ))}
      </section>
      <Card
        titleId="dunning-recovered-title"
        title="Recovered revenue"
        subtitle={
          stats
            ? `${totalsText(stats.recoveredTotal)} recovered in the last ${DUNNING_STATS_INPUT.days} days, UTC` +
              (rate == null ? '' : ` · ${Math.round(rate * 100)}% of closed cases recovered`)
            : `Last ${DUNNING_STATS_INPUT.days} days, UTC`
        }
      >
        <div
          className={styles.chartBox}
          role="img"
          aria-label="Bar chart of revenue recovered from failed payments per day"
        >
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: -12 }}>
              <CartesianGrid vertical={false} stroke="#ececf0" />
              <XAxis dataKey="label" tickLine={false} axisLine={false} fontSize={11} stroke="#8e8e99" />
              <YAxis tickLine={false} axisLine={false} fontSize={11} stroke="#8e8e99" />
              <Tooltip
                cursor={{ fill: '#f3f3f8' }}
                contentStyle={{ borderRadius: 8, border: '1px solid #e6e6ea', fontSize: 12 }}
              />
              <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
              {currencies.map((currency, i) => (
                <Bar
                  key={currency}
                  dataKey={currency}
                  name={currency.toUpperCase()}
                  stackId="recovered"
                  fill={COLORS[i % COLORS.length]}
                  maxBarSize={14}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
          {stats && currencies.length === 0 ? (
            <p className={styles.chartEmpty}>Nothing recovered in the last {DUNNING_STATS_INPUT.days} days</p>
          ) : null}
        </div>
      </Card>
    </>
  );
}
