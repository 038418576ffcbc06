'use client';

import { ErrorState } from '~/components/kit/states';
import { formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { UserRef } from '../users/user-ref';

/** The expanded part of an invitation's row: who redeemed the code, and when. */
export function RedemptionsRow({
  invitationId,
  code,
  id,
  columns,
}: {
  invitationId: string;
  code: string;
  id: string;
  columns: number;
}) {
  const detail = trpc.invitations.get.useQuery({ id: invitationId });
  const redemptions = detail.data?.redemptions ?? [];
  return (
    <tr className="row-details" id={id}>
      <td colSpan={columns}>
        <section className="stack-tight" aria-label={`Redemptions of ${code}`}>
          <h3 className="detail-title">Redeemed by</h3>
          {detail.error ? (
            <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
          ) : detail.isPending ? (
            <p className="muted">Loading…</p>
          ) : redemptions.length === 0 ? (
            <p className="muted">Nobody has redeemed this code yet.</p>
          ) : (
            <ul className="plain-list">
              {redemptions.map((r) => (
                <li key={r.id} className="row">
                  <UserRef userId={r.userId} />
                  <span className="cell-secondary">{formatDateTime(r.redeemedAt)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </td>
    </tr>
  );
}
