'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Card } from '~/components/kit/card';
import { ErrorState } from '~/components/kit/states';
import { trpc } from '~/lib/trpc';
import { activityInput, ACTIVITY_DAYS as DAYS } from './activity';
import styles from './overview.module.css';

const dayLabel = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const timeLabel = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

/**
 * Daily active users over the last DAYS UTC days, read from the analytics rollups (never from raw events): a day
 * not rolled up yet shows no bar. `now`: the page's render time, fixed so the query key stays stable.
 */
export function ActivityChart({ now }: { now: number }) {
  const active = trpc.analytics.getActiveUsers.useQuery(activityInput(now));
  const points = active.data?.series[0]?.points ?? [];
  const data = points.map((point) => ({
    day: dayLabel.format(new Date(`${point.period}T00:00:00Z`)),
    users: point.dau,
  }));
  const rolledUpAt = active.data?.rolledUpAt;

  return (
    <Card
      titleId="activity-title"
      title="Active users"
      subtitle={`Daily active users, last ${DAYS} days${rolledUpAt ? ` · rolled up ${timeLabel.format(new Date(rolledUpAt))}` : ''}`}
    >
      {active.error ? (
        <ErrorState error={active.error} onRetry={() => void active.refetch()} />
      ) : (
        <div className={styles.chartBox} role="img" aria-label="Bar chart of daily active users">
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
              <Bar dataKey="users" name="Active users" fill="#5b5bd6" radius={[4, 4, 0, 0]} maxBarSize={28} />
            </BarChart>
          </ResponsiveContainer>
          {active.data && points.every((p) => !p.dau) ? (
            <p className={styles.chartEmpty}>
              {rolledUpAt ? `No active users in the last ${DAYS} days` : 'Not rolled up yet'}
            </p>
          ) : null}
        </div>
      )}
    </Card>
  );
}
