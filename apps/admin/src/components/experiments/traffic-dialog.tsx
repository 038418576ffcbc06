'use client';

import { getBucketRanges } from '@bytelyst/routers/modules/experiments/assignment';
import { type TExperiment, ZExperimentUpdateInput } from '@bytelyst/routers/modules/experiments/schema';
import { useState } from 'react';
import { TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useFormErrors } from '~/hooks/use-form-errors';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { trpc } from '~/lib/trpc';
import { BucketBar } from './bucket-bar';

type Draft = { weights: string[]; coverage: string; targeted: string };

const draftOf = (e: TExperiment): Draft => ({
  weights: e.variants.map((v) => String(v.weight)),
  coverage: String(Number((e.coverage * 100).toFixed(2))),
  targeted: String(e.targetingRules.percentage),
});

const numberOr = (text: string, fallback: number) => {
  const n = Number(text);
  return text.trim() === '' || !Number.isFinite(n) ? fallback : n;
};

/** `variants.1.weight` from the API is shown on the weight field of the variant it names. */
const issuesOf = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]));

/**
 * Changes who enters a draft, running or paused experiment: the variants' weights, coverage and the targeted
 * share. Units already assigned keep their variation (assignment is sticky), so a change only steers new units;
 * the bar shows the bucket ranges assignment will use, computed by the backend's own `getBucketRanges`.
 */
export function TrafficDialog({
  experiment: e,
  open,
  onClose,
}: {
  experiment: TExperiment;
  open: boolean;
  onClose: () => void;
}) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(e));
  const form = useFormErrors();
  const close = () => {
    form.reset();
    setDraft(draftOf(e));
    onClose();
  };
  const update = trpc.experiments.update.useMutation(
    useMutationFeedback({
      success: (x) => `Traffic of ${x.key} was changed; units already assigned keep their variation.`,
      onDone: close,
      invalidate: (u) => [u.experiments.invalidate()],
      form: { fromApi: form.fromApi },
    }),
  );
  const weights = draft.weights.map((w) => numberOr(w, 0));
  const total = Math.round(weights.reduce((sum, w) => sum + w, 0) * 100) / 100;
  const coverage = numberOr(draft.coverage, -1) / 100;
  const ranges =
    coverage >= 0 && coverage <= 1 && total === 100
      ? getBucketRanges(
          weights.length,
          coverage,
          weights.map((w) => w / 100),
        )
      : null;
  const submit = () => {
    const input = {
      id: e.id,
      variants: e.variants.map((v, i) => ({ ...v, weight: weights[i] ?? 0 })),
      coverage,
      targetingRules: { ...e.targetingRules, percentage: numberOr(draft.targeted, -1) },
    };
    const errors: Record<string, string> = issuesOf(ZExperimentUpdateInput.safeParse(input));
    if (total !== 100) errors.variants = `Weights must sum to 100 (they sum to ${total}).`;
    if (form.check(errors)) update.mutate(input);
  };

  return (
    <FormDialog
      open={open}
      onClose={close}
      title={`Traffic of ${e.key}`}
      description="Units already assigned keep their variation: a change only steers units that arrive from now on."
      formError={form.formError}
      submitLabel="Save traffic"
      pending={update.isPending}
      onSubmit={submit}
    >
      {e.variants.map((v, i) => (
        <TextField
          key={v.id}
          label={`Weight of ${v.id} (%)`}
          inputMode="decimal"
          value={draft.weights[i] ?? ''}
          error={form.fields[`variants.${i}.weight`]}
          onChange={(event) => {
            // The sum is recounted as the weights change, so an old "must sum to 100" no longer applies.
            const { variants: _stale, ...rest } = form.fields;
            form.setFields(rest);
            setDraft({ ...draft, weights: draft.weights.map((w, j) => (j === i ? event.target.value : w)) });
          }}
        />
      ))}
      <p
        className={form.fields.variants ? 'field-error' : 'field-hint'}
        role={form.fields.variants ? 'alert' : undefined}
      >
        {form.fields.variants ?? `Total ${total} %`}
      </p>
      <TextField
        label="Coverage (%)"
        hint="The share of targeted units that enter the experiment."
        inputMode="decimal"
        value={draft.coverage}
        error={form.fields.coverage}
        onChange={(event) => setDraft({ ...draft, coverage: event.target.value })}
      />
      <TextField
        label="Targeted share (%)"
        hint="The share of units matching the targeting rules that are considered at all."
        inputMode="numeric"
        value={draft.targeted}
        error={form.fields['targetingRules.percentage']}
        onChange={(event) => setDraft({ ...draft, targeted: event.target.value })}
      />
      {ranges ? <BucketBar ranges={ranges} labels={e.variants.map((v) => v.id)} /> : null}
    </FormDialog>
  );
}
