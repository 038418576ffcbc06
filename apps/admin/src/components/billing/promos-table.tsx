'use client';

import type { TPromo } from '@bytelyst/routers/modules/promos/schema';
import { Badge } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';

const COLUMNS: readonly Column[] = [
  { label: 'Code' },
  { label: 'Discount' },
  { label: 'Redemptions' },
  { label: 'Limits' },
  { label: 'Status' },
  { label: 'Actions', className: 'cell-actions' },
];

const money = (cents: number, currency: string | null) =>
  new Intl.NumberFormat('en', { style: 'currency', currency: (currency ?? 'usd').toUpperCase() }).format(
    cents / 100,
  );

export const discountLabel = (promo: Pick<TPromo, 'percentOff' | 'amountOff' | 'currency'>) =>
  promo.percentOff !== null
    ? `${promo.percentOff}% off`
    : `${money(promo.amountOff ?? 0, promo.currency)} off`;

const durationLabel = (promo: TPromo) =>
  promo.duration === 'repeating'
    ? `for ${promo.durationInMonths} ${promo.durationInMonths === 1 ? 'month' : 'months'}`
    : promo.duration === 'forever'
      ? 'forever'
      : 'once';

const limits = (promo: TPromo) => {
  const parts = [
    promo.expiresAt
      ? `Expires ${new Date(promo.expiresAt).toLocaleDateString('en', { dateStyle: 'medium' })}`
      : null,
    promo.firstTimeOnly ? 'First-time customers' : null,
    promo.plans.length > 0 ? `Plans: ${promo.plans.join(', ')}` : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : <span className="muted">None</span>;
};

function PromoState({ promo, now }: { promo: TPromo; now: number }) {
  if (!promo.active) return <Badge tone="neutral">Inactive</Badge>;
  if (promo.expiresAt && Date.parse(promo.expiresAt) <= now) return <Badge tone="warning">Expired</Badge>;
  if (promo.maxRedemptions !== null && promo.timesRedeemed >= promo.maxRedemptions)
    return <Badge tone="warning">Used up</Badge>;
  return (
    <Badge tone="success" dot>
      Active
    </Badge>
  );
}

export function PromosTable({
  promos,
  onDeactivate,
  ...state
}: TableState & { promos: readonly TPromo[]; onDeactivate: (promo: TPromo) => void }) {
  const now = Date.now();
  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={promos}
      emptyTitle="No promo codes"
      emptyHint="Create a code; customers enter it at checkout or on their subscription."
      renderRow={(promo) => (
        <tr key={promo.id}>
          <td>
            <span className="stack-tight">
              <code className="cell-primary">{promo.code}</code>
              <span className="cell-muted">{promo.id}</span>
            </span>
          </td>
          <td className="nowrap">
            <span className="stack-tight">
              <span>{discountLabel(promo)}</span>
              <span className="cell-muted">{durationLabel(promo)}</span>
            </span>
          </td>
          <td className="tabular">
            {promo.timesRedeemed.toLocaleString()}
            {promo.maxRedemptions === null ? '' : ` / ${promo.maxRedemptions.toLocaleString()}`}
          </td>
          <td>{limits(promo)}</td>
          <td>
            <PromoState promo={promo} now={now} />
          </td>
          <td className="cell-actions">
            {promo.active ? (
              <Button size="sm" variant="danger" onClick={() => onDeactivate(promo)}>
                Deactivate
              </Button>
            ) : null}
          </td>
        </tr>
      )}
    />
  );
}
