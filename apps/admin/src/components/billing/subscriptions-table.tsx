'use client';

import type { TSubscription } from '@bytelyst/routers/modules/billing/subscriptions/schema';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { formatDate } from '~/lib/format';
import { UserRef } from '../users/user-ref';
import { SubscriptionStatusBadge } from './subscription-status-badge';

const COLUMNS: readonly Column[] = [
  { label: 'User' },
  { label: 'Plan' },
  { label: 'Status' },
  { label: 'Current period' },
  { label: 'Trial ends' },
  { label: 'Stripe' },
  { label: 'Started' },
];

export function SubscriptionsTable({
  subscriptions,
  planNames,
  ...state
}: TableState & { subscriptions: readonly TSubscription[]; planNames: ReadonlyMap<string, string> }) {
  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={subscriptions}
      emptyTitle="No subscriptions"
      emptyHint="Users get one on the default plan when they register."
      renderRow={(sub) => (
        <tr key={sub.id}>
          <td>
            <UserRef userId={sub.userId} />
          </td>
          <td>
            <span className="stack-tight">
              <span className="cell-primary">{planNames.get(sub.planCode) ?? sub.planCode}</span>
              <code className="cell-muted">{sub.planCode}</code>
            </span>
          </td>
          <td>
            <span className="row row-tight row-wrap">
              <SubscriptionStatusBadge status={sub.status} />
              {sub.cancelAtPeriodEnd ? <span className="muted">ends with period</span> : null}
            </span>
          </td>
          <td className="cell-muted nowrap">
            {formatDate(sub.currentPeriodStart)} – {formatDate(sub.currentPeriodEnd)}
          </td>
          <td className="cell-muted">{formatDate(sub.trialEnd)}</td>
          <td className="cell-muted">
            {sub.stripeSubscriptionId ? <code>{sub.stripeSubscriptionId}</code> : 'Not linked'}
          </td>
          <td className="cell-muted">{formatDate(sub.createdAt)}</td>
        </tr>
      )}
    />
  );
}
