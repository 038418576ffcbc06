'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Card } from '~/components/kit/card';
import { ErrorState } from '~/components/kit/states';
import { trpc } from '~/lib/trpc';
import { activityInput, DAY_MS, ACTIVITY_DAYS as DAYS } from './activity';
import styles from './overview.module.css';

const dayLabel = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric' });

/** Counts per UTC day over the last DAYS days, oldest first, zero-filled. */
function perDay(timestamps: readonly string[], now: number) {
  const today = Math.floor(now / DAY_MS);
  const buckets = Array.from({ length: DAYS }, (_, i) => ({
    day: dayLabel.format(new Date((today - DAYS + 1 + i) * DAY_MS)),
    entries: 0,
  }));
  for (const at of timestamps) {
    const index = Math.floor(Date.parse(at) / DAY_MS) - (today - DAYS + 1);
    const bucket = buckets[index];
    if (bucket) bucket.entries += 1;
  }
  return buckets;
}

/** `now`: the page's render time, fixed so the query key stays stable across renders. */
export function ActivityChart({ now }: { now: number }) {
  const audit = trpc.audit.list.useQuery(activityInput(now));
  const data = perDay(audit.data?.items.map((entry) => entry.at) ?? [], now);

  return (
    <Card
      titleId="activity-title"
      title="Admin activity"
      subtitle={`Audit entries per day, last ${DAYS} days (latest 200)`}
    >
      {audit.error ? (
        <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />
      ) : (
        <div className={styles.chartBox} role="img" aria-label="Bar chart of audit entries per day">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -20 }}>
              <CartesianGrid vertical={false} stroke="#ececf0" />
              <XAxis
                dataKey="day"
                tickLine={false}
                axisLine={false}
                fontSize={11}
                stroke="#8e8e99"
                interval={1}
              />
              <YAxis allowDecimals={false} tickLine={false} axisLine={false} fontSize={11} stroke="#8e8e99" />
              <Tooltip
                cursor={{ fill: '#f3f3f8' }}
                contentStyle={{ borderRadius: 8, border: '1px solid #e6e6ea', fontSize: 12 }}
              />
              <Bar dataKey="entries" name="Entries" fill="#5b5bd6" radius={[4, 4, 0, 0]} maxBarSize={28} />
            </BarChart>
          </ResponsiveContainer>
          {audit.data && data.every((d) => d.entries === 0) ? (
            <p className={styles.chartEmpty}>No admin activity in the last {DAYS} days</p>
          ) : null}
        </div>
      )}
    </Card>
  );
}
