'use client';

import type { TSubscription } from '@bytelyst/routers/modules/billing/subscriptions/schema';
import { SelectField, TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useFormValues } from '~/hooks/use-form-values';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { trpc } from '~/lib/trpc';
import { formatPrice } from './billing-format';

/** Moves a subscription to another plan on offer; an ended subscription starts a new period on it. */
export function ChangePlanDialog({
  subscription,
  open,
  onClose,
}: {
  subscription: TSubscription;
  open: boolean;
  onClose: () => void;
}) {
  const plans = trpc.plans.listAll.useQuery(undefined, { enabled: open });
  const choices = (plans.data?.items ?? []).filter((p) => !p.archived && p.code !== subscription.planCode);
  const { values, set, fields, formError, check, fromApi, clear } = useFormValues({
    planCode: '',
    reason: '',
  });
  const close = () => {
    clear();
    onClose();
  };
  const change = trpc.subscriptions.changePlan.useMutation(
    useMutationFeedback({
      success: (view) => `The subscription is now on ${view.plan?.name ?? view.subscription.planCode}.`,
      onDone: close,
      invalidate: (u) => [
        u.subscriptions.get.invalidate({ userId: subscription.userId }),
        u.subscriptions.list.invalidate(),
      ],
      form: { fromApi },
    }),
  );
  const planCode = values.planCode || choices[0]?.code || '';
  const submit = () => {
    if (!check(planCode ? {} : { planCode: 'There is no other plan on offer.' })) return;
    change.mutate({
      userId: subscription.userId,
      planCode,
      ...(values.reason.trim() ? { reason: values.reason.trim() } : {}),
    });
  };
  return (
    <FormDialog
      open={open}
      onClose={close}
      title="Change plan"
      description="Takes effect now, without charging through Stripe; the user is told through subscription.changed."
      formError={formError}
      submitLabel="Change plan"
      pending={change.isPending}
      onSubmit={submit}
    >
      <SelectField
        label="New plan"
        value={planCode}
        options={choices.map((p) => ({
          value: p.code,
          label: `${p.name} · ${formatPrice(p.priceCents, p.currency, p.interval)}`,
        }))}
        onChange={(event) => set('planCode', event.target.value)}
        error={fields.planCode}
      />
      <TextField
        label="Reason"
        value={values.reason}
        placeholder="Upgrade agreed with support"
        hint="Kept in the subscription's history."
        maxLength={500}
        onChange={(event) => set('reason', event.target.value)}
        error={fields.reason}
      />
    </FormDialog>
  );
}
