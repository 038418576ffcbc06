'use client';

import { ErrorState } from '~/components/kit/states';
import { trpc } from '~/lib/trpc';

type Stat = { label: string; value: number | undefined; hint: string };

export function StatCards() {
  const overview = trpc.system.getOverview.useQuery();
  if (overview.error) {
    return (
      <div className="card">
        <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />
      </div>
    );
  }
  const data = overview.data;
  const stats: Stat[] = [
    { label: 'Users', value: data?.users, hint: 'Accounts in this product' },
    { label: 'Products', value: data?.products, hint: 'Registered on the platform' },
    { label: 'API tokens', value: data?.tokens, hint: 'Active server credentials' },
    { label: 'Sessions', value: data?.sessions, hint: 'Signed-in devices' },
    { label: 'Audit entries', value: data?.auditLast24h, hint: 'In the last 24 hours' },
  ];
  return (
    <section className="grid grid-stats" aria-label="Platform counts">
      {stats.map((stat) => (
        <div className="card stat" key={stat.label}>
          <p className="stat-label">{stat.label}</p>
          <p className="stat-value">
            {stat.value === undefined ? (
              <span className="skeleton" style={{ width: 56, height: 26 }} />
            ) : (
              stat.value.toLocaleString()
            )}
          </p>
          <p className="stat-hint">{stat.hint}</p>
        </div>
      ))}
    </section>
  );
}
