'use client';

import { Card } from '~/components/kit/card';
import { type Column, DataTable, tableStateOf } from '~/components/kit/data-table';
import { trpc } from '~/lib/trpc';
import { UserRef } from '../users/user-ref';

/** The plan that pays for the org and its seats. */
export function OrgSubscriptionCard({ orgId }: { orgId: string }) {
  const subscription = trpc.orgs.getSubscription.useQuery({ orgId });
  const data = subscription.data;
  return (
    <Card titleId="org-subscription-title" title="Subscription and seats">
      {data ? (
        <dl className="dl">
          <dt>Plan</dt>
          <dd>
            {data.planName ?? <span className="muted">None</span>}
            {data.status ? <span className="muted"> ({data.status})</span> : null}
          </dd>
          <dt>Paid by</dt>
          <dd>
            {data.subscriptionUserId ? (
              <UserRef userId={data.subscriptionUserId} />
            ) : (
              <span className="muted">Nobody: the product's default plan applies</span>
            )}
          </dd>
          <dt>Seats</dt>
          <dd>
            {data.seats.used} used{data.seats.limit === null ? ' (unlimited)' : ` of ${data.seats.limit}`}
            {data.seats.pending > 0 ? `, ${data.seats.pending} held by pending invitations` : ''}
          </dd>
        </dl>
      ) : (
        <p className="muted">{subscription.error ? 'Could not load the subscription.' : 'Loading…'}</p>
      )}
    </Card>
  );
}

const COLUMNS: readonly Column[] = [
  { label: 'Metric' },
  { label: 'Used' },
  { label: 'Quota' },
  { label: 'Period' },
];

/** The members' usage this period, summed per metric, against the org plan's quotas. */
export function OrgUsageCard({ orgId }: { orgId: string }) {
  const usage = trpc.orgs.getUsage.useQuery({ orgId });
  return (
    <Card
      titleId="org-usage-title"
      title="Usage"
      subtitle="Every member's use this period, summed."
      bodyClassName="card-body-flush"
    >
      <DataTable
        {...tableStateOf(usage)}
        columns={COLUMNS}
        rows={usage.data?.metrics ?? []}
        emptyTitle="No usage this period"
        renderRow={(metric) => (
          <tr key={metric.metric}>
            <td className="cell-primary mono">{metric.metric}</td>
            <td>
              {metric.used.toLocaleString('en-US')}
              {metric.exceeded ? ' (over quota)' : ''}
            </td>
            <td>
              {metric.limit === null ? (
                <span className="muted">Unlimited</span>
              ) : (
                metric.limit.toLocaleString('en-US')
              )}
            </td>
            <td className="cell-muted">{metric.period === 'day' ? 'Today' : 'This month'}</td>
          </tr>
        )}
      />
    </Card>
  );
}
