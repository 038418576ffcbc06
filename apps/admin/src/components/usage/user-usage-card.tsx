'use client';

import { Card } from '~/components/kit/card';
import { type Column, DataTable, tableStateOf } from '~/components/kit/data-table';
import { useNow } from '~/hooks/use-now';
import { formatRelative, formatShortDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { formatCount, UsageMeter } from './usage-meter';

const COLUMNS: readonly Column[] = [
  { label: 'Metric' },
  { label: 'Used' },
  { label: 'Period' },
  { label: 'Resets' },
];

/** A user's usage per metric against their plan's quotas, and the totals of closed months. */
export function UserUsageCard({ userId }: { userId: string }) {
  const summary = trpc.usage.get.useQuery({ userId });
  const now = useNow();
  const data = summary.data;
  const months = [...new Set(data?.history.map((h) => h.month) ?? [])].slice(0, 3);
  return (
    <Card
      titleId="user-usage-title"
      title="Usage"
      subtitle={
        data ? `Plan: ${data.planName ?? data.planCode ?? 'none'} · quotas reset in UTC` : 'Quotas and usage'
      }
      bodyClassName="card-body-flush"
    >
      <DataTable
        {...tableStateOf(summary)}
        columns={COLUMNS}
        rows={data?.metrics ?? []}
        emptyTitle="No usage yet"
        emptyHint="Nothing was recorded this month and the plan sets no quotas."
        renderRow={(usage) => (
          <tr key={usage.metric}>
            <td className="cell-primary mono">{usage.metric}</td>
            <td>
              <UsageMeter usage={usage} />
            </td>
            <td className="cell-muted">{usage.period === 'day' ? 'Per day' : 'Per month'}</td>
            <td title={usage.resetsAt}>
              <div>{formatRelative(usage.resetsAt, now)}</div>
              <div className="cell-secondary">{formatShortDateTime(usage.resetsAt)}</div>
            </td>
          </tr>
        )}
      />
      {months.length > 0 ? (
        <div className="table-footer">
          <span>
            Closed months:{' '}
            {months
              .map((month) => {
                const rows = data?.history.filter((h) => h.month === month) ?? [];
                return `${month} (${rows.map((r) => `${r.metric} ${formatCount(r.total)}`).join(', ')})`;
              })
              .join(' · ')}
          </span>
        </div>
      ) : null}
    </Card>
  );
}
