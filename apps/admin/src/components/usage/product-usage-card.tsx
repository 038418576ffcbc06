'use client';

import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Card } from '~/components/kit/card';
import { SelectField } from '~/components/kit/field';
import { ErrorState } from '~/components/kit/states';
import { trpc } from '~/lib/trpc';
import { formatCount } from './usage-meter';

const DAYS = 30;
const DAY_MS = 86_400_000;
const dayLabel = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** Every UTC day of the window, oldest first, with the metric's total (zero when nothing was recorded). */
function series(rows: readonly { day: string; metric: string; total: number }[], metric: string, to: string) {
  const end = Date.parse(`${to}T00:00:00Z`);
  const totals = new Map(rows.filter((r) => r.metric === metric).map((r) => [r.day, r.total]));
  return Array.from({ length: DAYS }, (_, i) => {
    const at = end - (DAYS - 1 - i) * DAY_MS;
    const day = new Date(at).toISOString().slice(0, 10);
    return { day: dayLabel.format(at), total: totals.get(day) ?? 0 };
  });
}

/** Product-wide usage over the last 30 days: a chart per metric and each metric's totals. */
export function ProductUsageCard() {
  const usage = trpc.usage.product.useQuery();
  const [picked, setPicked] = useState('');
  const totals = usage.data?.totals ?? [];
  const metric = picked || totals[0]?.metric || '';
  const data = usage.data ? series(usage.data.days, metric, usage.data.to) : [];
  return (
    <Card
      titleId="product-usage-title"
      title="Product usage"
      subtitle={`All users, per UTC day, last ${DAYS} days`}
      actions={
        totals.length > 1 ? (
          <SelectField
            className="field-inline"
            label="Metric"
            value={metric}
            options={totals.map((t) => ({ value: t.metric, label: t.metric }))}
            onChange={(event) => setPicked(event.target.value)}
          />
        ) : null
      }
    >
      {usage.error ? (
        <ErrorState error={usage.error} onRetry={() => void usage.refetch()} />
      ) : (
        <div className="stack">
          <div className="chart-box" role="img" aria-label={`Bar chart of ${metric || 'usage'} per day`}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -12 }}>
                <CartesianGrid vertical={false} stroke="#ececf0" />
                <XAxis
                  dataKey="day"
                  tickLine={false}
                  axisLine={false}
                  fontSize={11}
                  stroke="#8e8e99"
                  interval={4}
                />
                <YAxis
                  allowDecimals={false}
                  tickLine={false}
                  axisLine={false}
                  fontSize={11}
                  stroke="#8e8e99"
                />
                <Tooltip
                  cursor={{ fill: '#f3f3f8' }}
                  contentStyle={{ borderRadius: 8, border: '1px solid #e6e6ea', fontSize: 12 }}
                />
                <Bar dataKey="total" name={metric} fill="#5b5bd6" radius={[4, 4, 0, 0]} maxBarSize={20} />
              </BarChart>
            </ResponsiveContainer>
            {usage.data && totals.length === 0 ? (
              <p className="chart-empty">No usage recorded in the last {DAYS} days</p>
            ) : null}
          </div>
          {totals.length > 0 ? (
            <dl className="facts">
              {totals.map((t) => (
                <div key={t.metric}>
                  <dt className="mono">{t.metric}</dt>
                  <dd className="tabular">
                    {formatCount(t.total)}{' '}
                    <span className="muted">
                      · {formatCount(t.users)} {t.users === 1 ? 'user' : 'users'}
                    </span>
                  </dd>
                </div>
              ))}
            </dl>
          ) : null}
          {usage.data?.truncated ? (
            <p className="muted">Partial figures: the window holds more counters than one answer reads.</p>
          ) : null}
        </div>
      )}
    </Card>
  );
}
