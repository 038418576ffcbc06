'use client';

import { ErrorState } from '~/components/kit/states';

export type StatItem = { label: string; value: string | number | undefined; hint: string };

/** A row of stat cards, with skeletons while loading and an error card when the query failed. */
export function StatGrid({
  label,
  stats,
  error,
  onRetry,
}: {
  label: string;
  stats: readonly StatItem[];
  error: unknown;
  onRetry: () => void;
}) {
  if (error) {
    return (
      <div className="card">
        <ErrorState error={error} onRetry={onRetry} />
      </div>
    );
  }
  return (
    <section className="grid grid-stats" aria-label={label}>
      {stats.map((stat) => (
        <div className="card stat" key={stat.label}>
          <p className="stat-label">{stat.label}</p>
          <p className="stat-value">
            {stat.value === undefined ? (
              <span className="skeleton" style={{ width: 56, height: 26 }} />
            ) : typeof stat.value === 'number' ? (
              stat.value.toLocaleString()
            ) : (
              stat.value
            )}
          </p>
          <p className="stat-hint">{stat.hint}</p>
        </div>
      ))}
    </section>
  );
}

export const percent = (rate: number | undefined) =>
  rate === undefined ? undefined : `${(rate * 100).toFixed(rate > 0 && rate < 0.1 ? 1 : 0)}%`;
