'use client';

import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { ErrorState } from '~/components/kit/states';
import { formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { LIVE_REFRESH_MS } from './ip-rules-list';
import { LimitedChart } from './limited-chart';
import styles from './ratelimit.module.css';

/** The counters and the chart of refusals, refreshed every few seconds. */
export function StatsPanel() {
  const [unit, setUnit] = useState<'minute' | 'hour'>('minute');
  const stats = trpc.ratelimit.stats.useQuery(undefined, { refetchInterval: LIVE_REFRESH_MS });
  const blocked = trpc.ratelimit.listBlocked.useQuery(undefined, { refetchInterval: LIVE_REFRESH_MS });
  if (stats.error) {
    return (
      <div className="card">
        <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />
      </div>
    );
  }
  const data = stats.data;
  const value = (number: number | undefined) =>
    number === undefined ? <span className={`skeleton ${styles.statSkeleton}`} /> : number.toLocaleString();
  const cards = [
    { label: 'Rate-limited', value: data?.limitedLastHour, hint: '429s in the last hour', danger: true },
    {
      label: 'Rate-limited today',
      value: data?.limitedLastDay,
      hint: '429s in the last 24 hours',
      danger: false,
    },
    { label: 'Denied', value: data?.deniedLastHour, hint: '403s from deny rules, last hour', danger: true },
    { label: 'Denied today', value: data?.deniedLastDay, hint: '403s in the last 24 hours', danger: false },
    {
      label: 'Blocked now',
      value: blocked.data?.items.length,
      hint: 'Keys over a limit right now',
      danger: true,
    },
  ];
  return (
    <>
      <section className="grid grid-stats" aria-label="Refusals">
        {cards.map((card) => (
          <div
            className={`card stat ${card.danger && (card.value ?? 0) > 0 ? 'stat-danger' : ''}`}
            key={card.label}
          >
            <p className="stat-label">{card.label}</p>
            <p className="stat-value">{value(card.value)}</p>
            <p className="stat-hint">{card.hint}</p>
          </div>
        ))}
      </section>
      <Card
        titleId="ratelimit-chart-title"
        title={unit === 'minute' ? 'Last hour, per minute' : 'Last 24 hours, per hour'}
        subtitle={
          data
            ? `This API instance (${data.instanceId}) since ${formatDateTime(data.since)}: counters live in each instance's memory.`
            : 'Counters live in each API instance’s memory.'
        }
        actions={
          <fieldset className={styles.periods} aria-label="Chart period">
            <Button
              size="sm"
              variant={unit === 'minute' ? 'primary' : 'default'}
              onClick={() => setUnit('minute')}
              aria-pressed={unit === 'minute'}
            >
              Hour
            </Button>
            <Button
              size="sm"
              variant={unit === 'hour' ? 'primary' : 'default'}
              onClick={() => setUnit('hour')}
              aria-pressed={unit === 'hour'}
            >
              Day
            </Button>
          </fieldset>
        }
      >
        <LimitedChart buckets={(unit === 'minute' ? data?.perMinute : data?.perHour) ?? []} unit={unit} />
      </Card>
    </>
  );
}
