'use client';

import { Card } from '~/components/kit/card';
import { EmptyState } from '~/components/kit/states';
import { formatDate, titleCase } from '~/lib/format';
import styles from './account.module.css';
import { useAccountQuery } from './providers';
import { QueryBody } from './section';

const count = (n: number) => new Intl.NumberFormat('en').format(n);
/** `api.calls` -> "Api calls". */
export const metricLabel = (metric: string) => titleCase(metric.replace(/[._-]+/g, ' '));

/** This period's usage per metric against the plan's quota (none = unlimited). */
export function UsageSection() {
  const usage = useAccountQuery(['usage'], (trpc) => trpc.usage.getMine.query());
  return (
    <Card
      titleId="usage-title"
      title="Usage"
      subtitle={usage.data?.planName ? `Quotas of the ${usage.data.planName} plan` : undefined}
    >
      <QueryBody
        query={usage}
        label="your usage"
        render={({ metrics, history }) =>
          metrics.length === 0 ? (
            <EmptyState title="No usage yet">
              Your plan has no quotas and nothing was counted this month.
            </EmptyState>
          ) : (
            <div className="stack">
              <ul className={styles.list} aria-label="Usage per metric">
                {metrics.map((m) => {
                  const label = metricLabel(m.metric);
                  return (
                    <li key={m.metric} className={styles.meter}>
                      <div className={styles.row}>
                        <strong>{label}</strong>
                        <span>
                          {m.limit === null
                            ? `${count(m.used)} used (unlimited)`
                            : `${count(m.used)} of ${count(m.limit)} used`}
                        </span>
                        <span className="muted">
                          {m.period === 'day' ? 'Daily' : 'Monthly'} · resets {formatDate(m.resetsAt)}
                        </span>
                      </div>
                      {m.limit !== null ? (
                        <>
                          <meter
                            className="visually-hidden"
                            aria-label={`${label} against quota`}
                            aria-valuetext={`${count(m.used)} of ${count(m.limit)}`}
                            min={0}
                            max={Math.max(m.limit, 1)}
                            value={m.used}
                          />
                          <div className={styles.track} aria-hidden="true">
                            <div
                              className={m.used >= m.limit ? styles.fillFull : styles.fill}
                              style={{
                                width: `${m.limit === 0 ? 100 : Math.min(100, (m.used / m.limit) * 100)}%`,
                              }}
                            />
                          </div>
                        </>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
              {history.length > 0 ? (
                <p className="muted">
                  Earlier months:{' '}
                  {history
                    .slice(0, 6)
                    .map((h) => `${h.month} ${metricLabel(h.metric)} ${count(h.total)}`)
                    .join(' · ')}
                </p>
              ) : null}
            </div>
          )
        }
      />
    </Card>
  );
}
