'use client';

import { ErrorState } from '~/components/kit/states';
import { type EventScope, scopeInput } from '~/lib/event-scope';
import { trpc } from '~/lib/trpc';

/** Refreshed on a timer: the dispatcher settles events in the background. */
const STATS_REFRESH_MS = 10_000;

export function EventStats({ scope }: { scope: EventScope }) {
  const stats = trpc.events.stats.useQuery(scopeInput(scope), { refetchInterval: STATS_REFRESH_MS });
  if (stats.error) {
    return (
      <div className="card">
        <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />
      </div>
    );
  }
  const data = stats.data;
  const cards = [
    { label: 'Pending', value: data?.pending, hint: 'Events with deliveries still open', tone: '' },
    {
      label: 'Dead-lettered',
      value: data?.deadLettered,
      hint: 'Events with a delivery that gave up',
      tone: data && data.deadLettered > 0 ? 'stat-danger' : '',
    },
    { label: 'Last 24 hours', value: data?.last24h, hint: 'Events emitted', tone: '' },
  ];
  return (
    <section className="grid grid-thirds" aria-label="Event counts">
      {cards.map((card) => (
        <div className={`card stat ${card.tone}`} key={card.label}>
          <p className="stat-label">{card.label}</p>
          <p className="stat-value">
            {card.value === undefined ? (
              <span className="skeleton" style={{ width: 56, height: 26 }} />
            ) : (
              card.value.toLocaleString()
            )}
          </p>
          <p className="stat-hint">{card.hint}</p>
        </div>
      ))}
    </section>
  );
}
