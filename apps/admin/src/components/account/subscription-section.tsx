'use client';

import { usePlatform } from '@bytelyst/client/react';
import { useState } from 'react';
import { Badge, type Tone } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { FormError } from '~/components/kit/form-error';
import { errorMessage } from '~/lib/api-errors';
import { formatDate, titleCase } from '~/lib/format';
import styles from './account.module.css';
import { useAccountMutation, useAccountQuery } from './providers';
import { Facts, QueryBody } from './section';

const STATUS_TONES: Record<string, Tone> = {
  trialing: 'info',
  active: 'success',
  past_due: 'warning',
  canceled: 'neutral',
  expired: 'neutral',
};

const price = (cents: number, currency: string, interval: string) =>
  cents === 0
    ? 'Free'
    : `${new Intl.NumberFormat('en', { style: 'currency', currency }).format(cents / 100)} / ${interval}`;

/** Plan changes and payment methods live in Stripe's billing portal: the platform hands out its link. */
function BillingPortalButton() {
  const client = usePlatform();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = async () => {
    setPending(true);
    setError(null);
    try {
      const { url } = await client.trpc.stripe.createPortalSession.mutate({
        returnUrl: window.location.href,
      });
      window.location.assign(url);
    } catch (caught) {
      setError(errorMessage(caught));
      setPending(false);
    }
  };
  return (
    <>
      <Button variant="primary" loading={pending} onClick={() => void open()}>
        Change plan or payment method
      </Button>
      <FormError message={error} />
    </>
  );
}

export function SubscriptionSection() {
  const subscription = useAccountQuery(['subscription'], (trpc) => trpc.subscriptions.getMine.query());
  const cancel = useAccountMutation(
    (trpc) => trpc.subscriptions.cancelMine.mutate({ atPeriodEnd: true, reason: 'canceled by the user' }),
    [['subscription']],
  );
  const [confirming, setConfirming] = useState(false);
  return (
    <Card titleId="subscription-title" title="Subscription">
      <QueryBody
        query={subscription}
        label="your subscription"
        render={({ subscription: sub, plan, dunning }) => (
          <div className="stack">
            {dunning ? (
              <div className="alert alert-warning" role="alert">
                Your last payment failed. Pay it by {formatDate(dunning.graceEndsAt)} to keep your plan.
                {dunning.hostedInvoiceUrl ? (
                  <>
                    {' '}
                    <a href={dunning.hostedInvoiceUrl}>Pay the invoice</a>
                  </>
                ) : null}
              </div>
            ) : null}
            <Facts
              className={styles.facts}
              items={[
                ['Plan', plan?.name ?? sub.planCode],
                ['Price', plan ? price(plan.priceCents, plan.currency, plan.interval) : '—'],
                [
                  'Status',
                  <Badge key="s" tone={STATUS_TONES[sub.status] ?? 'neutral'}>
                    {titleCase(sub.status)}
                  </Badge>,
                ],
                [
                  'Current period',
                  `${formatDate(sub.currentPeriodStart)} – ${formatDate(sub.currentPeriodEnd)}`,
                ],
                ['Trial ends', formatDate(sub.trialEnd, 'No trial')],
              ]}
            />
            {sub.cancelAtPeriodEnd ? (
              <p className="alert alert-info" role="status">
                Your subscription ends on {formatDate(sub.currentPeriodEnd)}. You keep the plan until then.
              </p>
            ) : null}
            <div className={styles.row}>
              <BillingPortalButton />
              {!sub.cancelAtPeriodEnd && (sub.status === 'active' || sub.status === 'trialing') ? (
                <Button variant="danger" onClick={() => setConfirming(true)}>
                  Cancel subscription
                </Button>
              ) : null}
            </div>
            <ConfirmDialog
              open={confirming}
              title="Cancel your subscription?"
              description={`You keep ${plan?.name ?? 'your plan'} until ${formatDate(sub.currentPeriodEnd)}; it does not renew after that.`}
              confirmLabel="Cancel at period end"
              pending={cancel.isPending}
              error={cancel.error ? errorMessage(cancel.error) : null}
              onConfirm={() => cancel.mutate(undefined, { onSuccess: () => setConfirming(false) })}
              onClose={() => {
                setConfirming(false);
                cancel.reset();
              }}
            />
          </div>
        )}
      />
    </Card>
  );
}
