'use client';

import type { TPlan } from '@bytelyst/routers/modules/billing/plans/schema';
import { Badge } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { Icon } from '~/components/kit/icon';
import { formatPrice } from './billing-format';

const COLUMNS: readonly Column[] = [
  { label: 'Plan' },
  { label: 'Price' },
  { label: 'Quotas' },
  { label: 'Devices' },
  { label: 'Status' },
  { label: 'Actions', className: 'cell-actions' },
];

export type PlanAction = 'edit' | 'default' | 'archive' | 'restore' | 'delete';

const PERIOD_SHORT = { day: 'day', month: 'mo' } as const;

const quotaSummary = (plan: TPlan) => {
  const entries = Object.entries(plan.quotas);
  if (entries.length === 0) return <span className="muted">None</span>;
  return (
    <span className="stack-tight">
      {entries.map(([metric, quota]) => (
        <span key={metric}>
          <code>{metric}</code>{' '}
          <span className="nowrap">
            {quota.limit === null
              ? 'unlimited'
              : `${quota.limit.toLocaleString()} / ${PERIOD_SHORT[quota.period]}`}
          </span>
        </span>
      ))}
    </span>
  );
};

function PlanState({ plan }: { plan: TPlan }) {
  if (plan.archived) return <Badge tone="warning">Archived</Badge>;
  if (plan.isDefault)
    return (
      <Badge tone="accent" dot>
        Default
      </Badge>
    );
  return (
    <Badge tone="success" dot>
      On offer
    </Badge>
  );
}

export function PlansTable({
  plans,
  onAction,
  ...state
}: TableState & { plans: readonly TPlan[]; onAction: (plan: TPlan, action: PlanAction) => void }) {
  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={plans}
      emptyTitle="No plans"
      emptyHint="Create a plan; the product's users start on its default plan."
      renderRow={(plan) => (
        <tr key={plan.id}>
          <td>
            <span className="stack-tight">
              <span className="cell-primary">{plan.name}</span>
              <span className="cell-muted" title={plan.features.join('\n')}>
                <code>{plan.code}</code> · {plan.features.length}{' '}
                {plan.features.length === 1 ? 'feature' : 'features'}
              </span>
            </span>
          </td>
          <td className="nowrap">
            <span className="stack-tight">
              <span>{formatPrice(plan.priceCents, plan.currency, plan.interval)}</span>
              <span className="cell-muted">
                {plan.trialDays ? `${plan.trialDays}-day trial` : 'No trial'}
              </span>
            </span>
          </td>
          <td>{quotaSummary(plan)}</td>
          <td className="tabular">{plan.maxDevices}</td>
          <td>
            <PlanState plan={plan} />
          </td>
          <td className="cell-actions">
            <div className="btn-group btn-group-end nowrap">
              <Button size="sm" aria-label={`Edit ${plan.name}`} onClick={() => onAction(plan, 'edit')}>
                Edit
              </Button>
              {!plan.isDefault && !plan.archived ? (
                <Button
                  size="sm"
                  aria-label={`Make ${plan.name} the default`}
                  onClick={() => onAction(plan, 'default')}
                >
                  Set default
                </Button>
              ) : null}
              {plan.isDefault ? null : (
                <Button
                  size="sm"
                  variant={plan.archived ? 'default' : 'ghost'}
                  aria-label={`${plan.archived ? 'Restore' : 'Archive'} ${plan.name}`}
                  title={plan.archived ? undefined : 'Archive: no new subscribers'}
                  onClick={() => onAction(plan, plan.archived ? 'restore' : 'archive')}
                >
                  {plan.archived ? 'Restore' : <Icon name="box" size={14} />}
                </Button>
              )}
              {plan.isDefault ? null : (
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Delete ${plan.name}`}
                  title="Delete"
                  onClick={() => onAction(plan, 'delete')}
                >
                  <Icon name="trash" size={14} />
                </Button>
              )}
            </div>
          </td>
        </tr>
      )}
    />
  );
}
