import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { DataTable } from '~/components/kit/data-table';
import { UserRef } from '../users/user-ref';

type Referrer = { userId: string; code: string; signups: number; conversions: number };

/** The ten users whose links brought the most sign-ups; picking one filters the table below. */
export function TopReferrersCard({
  referrers,
  isLoading,
  error,
  onRetry,
  onPick,
}: {
  referrers: readonly Referrer[];
  isLoading: boolean;
  error: unknown;
  onRetry: () => void;
  onPick: (userId: string) => void;
}) {
  return (
    <Card
      titleId="top-referrers-title"
      title="Top referrers"
      subtitle="By sign-ups through their link"
      bodyClassName="card-body-flush"
    >
      <DataTable
        isLoading={isLoading}
        error={error}
        onRetry={onRetry}
        columns={[
          { label: 'Referrer' },
          { label: 'Code' },
          { label: 'Sign-ups' },
          { label: 'Converted' },
          { label: 'Actions', className: 'cell-actions' },
        ]}
        rows={referrers}
        emptyTitle="No sign-ups through referral links yet"
        renderRow={(r) => (
          <tr key={r.userId}>
            <td className="cell-primary">
              <UserRef userId={r.userId} />
            </td>
            <td>
              <code>{r.code}</code>
            </td>
            <td className="tabular">{r.signups}</td>
            <td className="tabular">{r.conversions}</td>
            <td className="cell-actions">
              <Button size="sm" onClick={() => onPick(r.userId)}>
                Show referrals
              </Button>
            </td>
          </tr>
        )}
      />
    </Card>
  );
}
