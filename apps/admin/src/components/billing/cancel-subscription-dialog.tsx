'use client';

import type { TSubscription } from '@bytelyst/routers/modules/billing/subscriptions/schema';
import { useState } from 'react';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { TextField } from '~/components/kit/field';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorMessage } from '~/lib/api-errors';
import { formatDate } from '~/lib/format';
import { trpc } from '~/lib/trpc';

/** Cancels at the end of the period (default) or now, with a reason kept in the history. */
export function CancelSubscriptionDialog({
  subscription,
  open,
  onClose,
}: {
  subscription: TSubscription;
  open: boolean;
  onClose: () => void;
}) {
  const scheduled = subscription.cancelAtPeriodEnd;
  const [atPeriodEnd, setAtPeriodEnd] = useState(!scheduled);
  const [reason, setReason] = useState('');
  const cancel = trpc.subscriptions.cancel.useMutation(
    useMutationFeedback({
      success: (view) =>
        view.subscription.status === 'canceled'
          ? 'The subscription was canceled.'
          : `The subscription ends on ${formatDate(view.subscription.currentPeriodEnd)}.`,
      onDone: () => close(),
      invalidate: (u) => [
        u.subscriptions.get.invalidate({ userId: subscription.userId }),
        u.subscriptions.list.invalidate(),
      ],
      error: false,
    }),
  );
  const close = () => {
    cancel.reset();
    setReason('');
    onClose();
  };
  return (
    <ConfirmDialog
      open={open}
      title="Cancel subscription?"
      description={
        scheduled
          ? 'It already ends with its period. Canceling now ends it at once.'
          : 'The user keeps the plan until the period ends, unless you end it now.'
      }
      confirmLabel={atPeriodEnd ? 'Schedule cancellation' : 'Cancel now'}
      pending={cancel.isPending}
      error={cancel.error ? errorMessage(cancel.error) : null}
      onConfirm={() =>
        cancel.mutate({
          userId: subscription.userId,
          atPeriodEnd,
          ...(reason.trim() ? { reason: reason.trim() } : {}),
        })
      }
      onClose={close}
    >
      <div className="stack">
        {scheduled ? null : (
          <label className="checkbox-row">
            <input
              type="checkbox"
              checked={!atPeriodEnd}
              onChange={(event) => setAtPeriodEnd(!event.target.checked)}
            />
            End it now instead of on {formatDate(subscription.currentPeriodEnd)}
          </label>
        )}
        <TextField
          label="Reason"
          value={reason}
          placeholder="Requested by the customer"
          maxLength={500}
          onChange={(event) => setReason(event.target.value)}
        />
      </div>
    </ConfirmDialog>
  );
}
