'use client';

import type { TPlan, TPlanInterval } from '@bytelyst/routers/modules/billing/plans/schema';
import { SelectField, TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useFormValues } from '~/hooks/use-form-values';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { trpc } from '~/lib/trpc';
import { INTERVAL_OPTIONS } from './billing-format';
import { FeatureRows, QuotaRows } from './list-editors';
import { EMPTY_PLAN, parsePlanForm, valuesOf } from './plan-form';

/** Creates a plan (`plan` null) or edits one; the code is fixed once created. */
export function PlanDialog({
  plan,
  open,
  onClose,
}: {
  plan: TPlan | null;
  open: boolean;
  onClose: () => void;
}) {
  const creating = plan === null;
  const { values, set, fields, formError, check, fromApi, clear } = useFormValues(
    plan ? valuesOf(plan) : EMPTY_PLAN,
  );
  const close = () => {
    clear();
    onClose();
  };
  const feedback = useMutationFeedback({
    success: (saved: TPlan) =>
      creating ? `Plan ${saved.name} was created.` : `Plan ${saved.name} was saved.`,
    onDone: close,
    invalidate: (u) => [u.plans.listAll.invalidate(), u.plans.list.invalidate()],
    form: { fromApi },
  });
  const create = trpc.plans.create.useMutation(feedback);
  const update = trpc.plans.update.useMutation(feedback);

  const submit = () => {
    const { errors, payload } = parsePlanForm(values, creating);
    if (!check(errors)) return;
    if (creating) create.mutate(payload);
    else {
      const { code: _code, ...changes } = payload;
      update.mutate({ code: plan.code, ...changes });
    }
  };

  return (
    <FormDialog
      open={open}
      onClose={close}
      title={creating ? 'New plan' : `Edit ${plan.name}`}
      description={
        creating
          ? 'New plans take subscribers at once; make one the default to start new users on it.'
          : 'Changes apply to current subscribers too (quotas, features and device limits).'
      }
      formError={formError}
      submitLabel={creating ? 'Create plan' : 'Save plan'}
      pending={create.isPending || update.isPending}
      onSubmit={submit}
    >
      {creating ? (
        <TextField
          label="Code"
          value={values.code}
          placeholder="team"
          hint="Used by clients and in Stripe metadata; cannot change later."
          maxLength={40}
          onChange={(event) => set('code', event.target.value)}
          error={fields.code}
        />
      ) : null}
      <TextField
        label="Name"
        value={values.name}
        maxLength={80}
        onChange={(event) => set('name', event.target.value)}
        error={fields.name}
      />
      <TextField
        label="Description"
        value={values.description}
        maxLength={500}
        onChange={(event) => set('description', event.target.value)}
        error={fields.description}
      />
      <div className="grid grid-halves">
        <TextField
          label="Price"
          inputMode="decimal"
          value={values.price}
          hint="Per interval; 0 for a free plan."
          onChange={(event) => set('price', event.target.value)}
          error={fields.priceCents}
        />
        <TextField
          label="Currency"
          value={values.currency}
          maxLength={3}
          onChange={(event) => set('currency', event.target.value)}
          error={fields.currency}
        />
        <SelectField
          label="Billing interval"
          value={values.interval}
          options={INTERVAL_OPTIONS}
          onChange={(event) => set('interval', event.target.value as TPlanInterval)}
          error={fields.interval}
        />
        <TextField
          label="Trial days"
          inputMode="numeric"
          value={values.trialDays}
          onChange={(event) => set('trialDays', event.target.value)}
          error={fields.trialDays}
        />
        <TextField
          label="Device limit"
          inputMode="numeric"
          value={values.maxDevices}
          onChange={(event) => set('maxDevices', event.target.value)}
          error={fields.maxDevices}
        />
        <TextField
          label="Sort order"
          inputMode="numeric"
          value={values.sortOrder}
          onChange={(event) => set('sortOrder', event.target.value)}
          error={fields.sortOrder}
        />
      </div>
      <TextField
        label="Stripe price ID"
        value={values.stripePriceId}
        placeholder="price_…"
        hint="Stripe subscription updates on this price move users onto this plan."
        maxLength={255}
        onChange={(event) => set('stripePriceId', event.target.value)}
        error={fields.stripePriceId}
      />
      <QuotaRows rows={values.quotas} onChange={(rows) => set('quotas', rows)} error={fields.quotas} />
      <FeatureRows
        rows={values.features}
        onChange={(rows) => set('features', rows)}
        error={fields.features}
      />
    </FormDialog>
  );
}
