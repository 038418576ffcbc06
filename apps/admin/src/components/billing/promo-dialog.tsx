'use client';

import type { TPromo } from '@bytelyst/routers/modules/promos/schema';
import { FieldGroup, SelectField, TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useFormValues } from '~/hooks/use-form-values';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { trpc } from '~/lib/trpc';
import { EMPTY_PROMO, type PromoFormValues, parsePromoForm } from './promo-form';

const DURATIONS = [
  { value: 'once', label: 'Once (first invoice)' },
  { value: 'repeating', label: 'For a number of months' },
  { value: 'forever', label: 'Forever' },
];

/** Creates a promo code: a Stripe coupon and a promotion code over it. */
export function PromoDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { values, set, fields, formError, check, fromApi, clear } = useFormValues(EMPTY_PROMO);
  const plans = trpc.plans.listAll.useQuery();
  const close = () => {
    clear();
    onClose();
  };
  const create = trpc.promos.create.useMutation(
    useMutationFeedback({
      success: (promo: TPromo) => `Promo code ${promo.code} was created in Stripe.`,
      onDone: close,
      invalidate: (u) => [u.promos.list.invalidate()],
      form: { fromApi },
    }),
  );
  const submit = () => {
    const { errors, payload } = parsePromoForm(values);
    if (!check(errors) || !payload) return;
    create.mutate(payload);
  };
  const togglePlan = (code: string, on: boolean) =>
    set('plans', on ? [...values.plans, code] : values.plans.filter((p) => p !== code));

  return (
    <FormDialog
      open={open}
      onClose={close}
      title="New promo code"
      description="Stripe holds the code and counts its redemptions; customers enter it at checkout or on their subscription."
      formError={formError}
      submitLabel="Create code"
      pending={create.isPending}
      onSubmit={submit}
    >
      <TextField
        label="Code"
        value={values.code}
        placeholder="SPRING25"
        hint="3-32 letters or digits; customers type it in any case."
        maxLength={32}
        onChange={(event) => set('code', event.target.value.toUpperCase())}
        error={fields.code}
      />
      <div className="grid grid-halves">
        <SelectField
          label="Discount"
          value={values.kind}
          options={[
            { value: 'percent', label: 'Percent off' },
            { value: 'amount', label: 'Amount off' },
          ]}
          onChange={(event) => set('kind', event.target.value as PromoFormValues['kind'])}
        />
        {values.kind === 'percent' ? (
          <TextField
            label="Percent off"
            inputMode="decimal"
            value={values.percentOff}
            hint="1 to 100."
            onChange={(event) => set('percentOff', event.target.value)}
            error={fields.percentOff}
          />
        ) : (
          <TextField
            label="Amount off"
            inputMode="decimal"
            value={values.amount}
            onChange={(event) => set('amount', event.target.value)}
            error={fields.amountOff}
          />
        )}
        {values.kind === 'amount' ? (
          <TextField
            label="Currency"
            value={values.currency}
            maxLength={3}
            onChange={(event) => set('currency', event.target.value)}
            error={fields.currency}
          />
        ) : null}
        <SelectField
          label="Duration"
          value={values.duration}
          options={DURATIONS}
          onChange={(event) => set('duration', event.target.value as PromoFormValues['duration'])}
          error={fields.duration}
        />
        {values.duration === 'repeating' ? (
          <TextField
            label="Months"
            inputMode="numeric"
            value={values.durationInMonths}
            onChange={(event) => set('durationInMonths', event.target.value)}
            error={fields.durationInMonths}
          />
        ) : null}
        <TextField
          label="Max redemptions"
          inputMode="numeric"
          value={values.maxRedemptions}
          hint="Blank for no limit."
          onChange={(event) => set('maxRedemptions', event.target.value)}
          error={fields.maxRedemptions}
        />
        <TextField
          label="Expires on"
          type="date"
          value={values.expiresOn}
          hint="Blank: never expires."
          onChange={(event) => set('expiresOn', event.target.value)}
          error={fields.expiresAt}
        />
      </div>
      <label className="checkbox-row">
        <input
          type="checkbox"
          checked={values.firstTimeOnly}
          onChange={(event) => set('firstTimeOnly', event.target.checked)}
        />
        First-time customers only
      </label>
      <FieldGroup legend="Plans (none ticked: every plan)">
        {(plans.data?.items ?? []).map((plan) => (
          <label key={plan.code} className="checkbox-row">
            <input
              type="checkbox"
              checked={values.plans.includes(plan.code)}
              onChange={(event) => togglePlan(plan.code, event.target.checked)}
            />
            {plan.name} <code>{plan.code}</code>
          </label>
        ))}
        {fields.plans ? (
          <span className="field-error" role="alert">
            {fields.plans}
          </span>
        ) : null}
      </FieldGroup>
    </FormDialog>
  );
}
