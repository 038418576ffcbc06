import type { TSubscriptionChange } from '@bytelyst/routers/modules/billing/subscriptions/schema';
import { formatDateTime } from '~/lib/format';
import { SUBSCRIPTION_STATUS_LABELS } from './billing-format';

const describe = (change: TSubscriptionChange) => {
  if (change.fromPlan === null) return `Started on ${change.toPlan}`;
  const parts: string[] = [];
  if (change.fromPlan !== change.toPlan) parts.push(`${change.fromPlan} → ${change.toPlan}`);
  if (change.fromStatus !== change.toStatus && change.fromStatus) {
    parts.push(
      `${SUBSCRIPTION_STATUS_LABELS[change.fromStatus]} → ${SUBSCRIPTION_STATUS_LABELS[change.toStatus]}`,
    );
  }
  // Only a scheduled cancellation is recorded without a plan or status move.
  return parts.length > 0 ? parts.join(', ') : 'Set to end with the period';
};

/** Plan and status changes, newest first. Cells wrap (no `cell-muted`): the card is half the page wide. */
export function SubscriptionHistory({ history }: { history: readonly TSubscriptionChange[] }) {
  const rows = [...history].reverse();
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Subscription history</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Change</th>
            <th scope="col">Reason</th>
            <th scope="col">By</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((change) => (
            <tr key={`${change.at}-${change.toPlan}-${change.toStatus}-${change.reason}`}>
              <td className="muted">{formatDateTime(change.at)}</td>
              <td>{describe(change)}</td>
              <td className="muted">{change.reason}</td>
              <td className="muted mono wrap-anywhere">{change.actorId ?? 'system'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
