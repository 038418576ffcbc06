'use client';

import { Badge } from '~/components/kit/badge';
import { Card } from '~/components/kit/card';
import { type Column, DataTable, tableStateOf } from '~/components/kit/data-table';
import { formatDuration } from '~/lib/format';
import { trpc } from '~/lib/trpc';

const COLUMNS: readonly Column[] = [
  { label: 'Subscriber' },
  { label: 'Listens to' },
  { label: 'Priority' },
  { label: 'Order' },
  { label: 'Attempts' },
  { label: 'Timeout' },
];

/** The subscribers registered on the bus in this deployment, with their delivery policy. */
export function SubscribersCard() {
  const subscribers = trpc.events.listSubscribers.useQuery(undefined, {
    staleTime: Number.POSITIVE_INFINITY,
  });
  return (
    <Card
      titleId="subscribers-title"
      title="Subscribers"
      subtitle="Higher priority is delivered first; sequential subscribers receive events in emit order."
      bodyClassName="card-body-flush"
    >
      <DataTable
        {...tableStateOf(subscribers)}
        columns={COLUMNS}
        rows={subscribers.data?.items ?? []}
        emptyTitle="No subscribers are registered"
        renderRow={(s) => (
          <tr key={s.name}>
            <td>
              <div className="cell-primary mono">{s.name}</div>
              <div className="cell-secondary">{s.description}</div>
            </td>
            <td>
              {s.events === '*' ? (
                <Badge tone="info">Every event</Badge>
              ) : (
                <span className="badge-list">
                  {s.events.map((type) => (
                    <Badge key={type}>
                      <span className="mono">{type}</span>
                    </Badge>
                  ))}
                </span>
              )}
            </td>
            <td className="tabular">{s.priority}</td>
            <td className="cell-muted">{s.sequential ? 'Sequential' : 'Concurrent'}</td>
            <td className="tabular">up to {s.maxAttempts}</td>
            <td className="cell-muted">{formatDuration(s.timeoutMs)}</td>
          </tr>
        )}
      />
    </Card>
  );
}
