'use client';

import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { EmptyState, ErrorState } from '~/components/kit/states';
import { httpStatusOf } from '~/lib/api-errors';
import { formatDate, formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { formatPrice } from './billing-format';
import { CancelSubscriptionDialog } from './cancel-subscription-dialog';
import { ChangePlanDialog } from './change-plan-dialog';
import { SubscriptionHistory } from './subscription-history';
import { SubscriptionStatusBadge } from './subscription-status-badge';

/** A user's subscription for the user detail page: plan, status, period, trial, history; change plan or cancel. */
export function UserSubscriptionCard({ userId }: { userId: string }) {
  const [dialog, setDialog] = useState<'plan' | 'cancel' | null>(null);
  const query = trpc.subscriptions.get.useQuery({ userId }, { retry: false });
  const sub = query.data?.subscription;
  const plan = query.data?.plan;
  const ended = sub ? sub.status === 'canceled' || sub.status === 'expired' : true;

  const body = (() => {
    if (httpStatusOf(query.error) === 404)
      return (
        <EmptyState title="No subscription yet">
          It is created on the default plan when the user registers.
        </EmptyState>
      );
    if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
    if (!sub)
      return (
        <div className="stack" aria-busy="true">
          <span className="skeleton" style={{ width: '50%' }} />
          <span className="skeleton" style={{ width: '70%' }} />
        </div>
      );
    return (
      <div className="stack">
        <dl className="dl dl-narrow">
          <dt>Plan</dt>
          <dd>
            {plan?.name ?? sub.planCode}{' '}
            <span className="muted">
              · {plan ? formatPrice(plan.priceCents, plan.currency, plan.interval) : 'plan deleted'}
            </span>
          </dd>
          <dt>Status</dt>
          <dd className="row row-tight row-wrap">
            <SubscriptionStatusBadge status={sub.status} />
            {sub.cancelAtPeriodEnd ? (
              <span className="muted">ends {formatDate(sub.currentPeriodEnd)}</span>
            ) : null}
          </dd>
          <dt>Period</dt>
          <dd>
            {formatDate(sub.currentPeriodStart)} – {formatDate(sub.currentPeriodEnd)}
          </dd>
          <dt>Trial ends</dt>
          <dd>{sub.trialEnd ? formatDateTime(sub.trialEnd) : <span className="muted">No trial</span>}</dd>
          {sub.canceledAt ? (
            <>
              <dt>Canceled</dt>
              <dd>
                {formatDateTime(sub.canceledAt)}
                {sub.cancelReason ? <span className="muted"> · {sub.cancelReason}</span> : null}
              </dd>
            </>
          ) : null}
          <dt>Stripe</dt>
          <dd className="mono">
            {sub.stripeCustomerId ?? <span className="muted">No customer</span>}
            {sub.stripeSubscriptionId ? ` · ${sub.stripeSubscriptionId}` : ''}
          </dd>
        </dl>
        <SubscriptionHistory history={sub.history} />
      </div>
    );
  })();

  return (
    <Card
      titleId="user-subscription-title"
      title="Subscription"
      subtitle="Plan, billing period and every change"
      actions={
        sub ? (
          <div className="btn-group">
            <Button size="sm" onClick={() => setDialog('plan')}>
              Change plan
            </Button>
            {ended ? null : (
              <Button size="sm" variant="ghost" onClick={() => setDialog('cancel')}>
                Cancel subscription
              </Button>
            )}
          </div>
        ) : null
      }
      after={
        sub ? (
          <>
            <ChangePlanDialog subscription={sub} open={dialog === 'plan'} onClose={() => setDialog(null)} />
            {dialog === 'cancel' ? (
              <CancelSubscriptionDialog subscription={sub} open onClose={() => setDialog(null)} />
            ) : null}
          </>
        ) : null
      }
    >
      {body}
    </Card>
  );
}
