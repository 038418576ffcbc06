import type { TReferral } from '@bytelyst/routers/modules/growth/referrals/schema';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { formatDate } from '~/lib/format';
import { UserRef } from '../users/user-ref';
import { ReferralStatusBadge } from './growth-badges';

const COLUMNS: readonly Column[] = [
  { label: 'Code' },
  { label: 'Referrer' },
  { label: 'Referred' },
  { label: 'Status' },
  { label: 'Source' },
  { label: 'Created' },
  { label: 'Converted' },
];

export function ReferralsTable({ referrals, ...state }: TableState & { referrals: readonly TReferral[] }) {
  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={referrals}
      emptyTitle="No referrals"
      emptyHint="Referrals appear when someone opens a share link or signs up with a code."
      renderRow={(referral) => (
        <tr key={referral.id}>
          <td className="cell-primary">
            <code>{referral.code}</code>
          </td>
          <td>
            <UserRef userId={referral.referrerId} />
          </td>
          <td>
            {referral.referredId ? (
              <UserRef userId={referral.referredId} />
            ) : (
              (referral.email ?? <span className="muted">Anonymous visit</span>)
            )}
          </td>
          <td>
            <ReferralStatusBadge status={referral.status} />
          </td>
          <td className="cell-muted">{referral.source ?? '—'}</td>
          <td className="cell-muted">{formatDate(referral.createdAt)}</td>
          <td className="cell-muted">{formatDate(referral.convertedAt)}</td>
        </tr>
      )}
    />
  );
}
