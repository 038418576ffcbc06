'use client';

import type { TExperimentResults } from '@bytelyst/routers/modules/experiments/results-schema';
import { type TExperiment, ZConcludeInput } from '@bytelyst/routers/modules/experiments/schema';
import { useId, useState } from 'react';
import { FieldGroup, TextAreaField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useFormErrors } from '~/hooks/use-form-errors';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { fieldErrorsOf } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';
import { formatP, formatPercent } from './labels';

/** '' until chosen; STOP for no winner. */
const STOP = '__stop__';

const issuesOf = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]));

/** What concluding with this choice does to the experiment's flag. */
const flagEffect = (e: TExperiment, choice: string) => {
  if (!e.flagKey || choice === '' || choice === STOP) return null;
  return choice === e.variants[0]?.id
    ? `Flag ${e.flagKey} is turned off: everyone keeps the control experience.`
    : `Flag ${e.flagKey} rolls out to 100 %: everyone gets ${choice}.`;
};

/**
 * Concludes with a winner or stops without one, with a reason. Under a sample ratio mismatch the API refuses
 * without an override reason, so the dialog asks for one (also when the fresh computation behind the conclusion
 * finds the mismatch first).
 */
export function ConcludeDialog({
  experiment,
  results,
  open,
  onClose,
}: {
  experiment: TExperiment;
  results: TExperimentResults | null;
  open: boolean;
  onClose: () => void;
}) {
  const name = useId();
  const [choice, setChoice] = useState('');
  const [reason, setReason] = useState('');
  const [override, setOverride] = useState('');
  const form = useFormErrors();
  // The conclusion computes fresh results: they may find a mismatch the page's results did not show yet.
  const [srmFound, setSrmFound] = useState(false);
  const srm = Boolean(results?.srm.mismatch) || srmFound;
  const chance = (index: number) =>
    results?.metrics[0]?.treatments.find((t) => t.variationIndex === index)?.bayesian.chanceToWin;
  const close = () => {
    form.reset();
    setChoice('');
    setReason('');
    setOverride('');
    setSrmFound(false);
    onClose();
  };
  const conclude = trpc.experiments.conclude.useMutation(
    useMutationFeedback({
      success: (e) =>
        e.winningVariant
          ? `Experiment ${e.key} was concluded: ${e.winningVariant} wins.`
          : `Experiment ${e.key} was stopped without a winner.`,
      onDone: close,
      invalidate: (u) => [u.experiments.invalidate(), u.flags.invalidate()],
      form: {
        fromApi: (error) => {
          form.fromApi(error);
          if ('srmOverrideReason' in fieldErrorsOf(error)) setSrmFound(true);
        },
      },
    }),
  );
  const submit = () => {
    const input = {
      id: experiment.id,
      winningVariant: choice === STOP ? null : choice,
      reason: reason.trim(),
      ...(srm ? { srmOverrideReason: override.trim() } : {}),
    };
    const errors: Record<string, string> = issuesOf(ZConcludeInput.safeParse(input));
    if (choice === '') errors.winningVariant = 'Pick the winner, or stop without one.';
    if (srm && !override.trim()) errors.srmOverrideReason = 'Say why the results stand despite the mismatch.';
    if (form.check(errors)) conclude.mutate(input);
  };

  return (
    <FormDialog
      open={open}
      onClose={close}
      title={`Conclude ${experiment.key}`}
      description="Results are computed once more before the conclusion; it is final and in the audit log."
      formError={form.formError}
      submitLabel="Conclude"
      pending={conclude.isPending}
      onSubmit={submit}
    >
      {srm ? (
        <div className="alert alert-error" role="alert">
          Sample ratio mismatch
          {results ? ` (${formatP(results.srm.pValue)})` : ''}: the split of units is not what the weights
          say. Concluding anyway needs an override reason.
        </div>
      ) : null}
      <FieldGroup legend="Decision">
        {experiment.variants.map((v, i) => {
          const c = chance(i);
          return (
            <label key={v.id} className="checkbox-row">
              <input
                type="radio"
                name={name}
                value={v.id}
                checked={choice === v.id}
                onChange={() => setChoice(v.id)}
              />
              {i === 0 ? `Keep ${v.id}` : `Ship ${v.id}`}
              {c !== undefined ? <span className="muted">({formatPercent(c)} chance to win)</span> : null}
            </label>
          );
        })}
        <label className="checkbox-row">
          <input
            type="radio"
            name={name}
            value={STOP}
            checked={choice === STOP}
            onChange={() => setChoice(STOP)}
          />
          Stop without a winner
        </label>
        {form.fields.winningVariant ? (
          <span className="field-error" role="alert">
            {form.fields.winningVariant}
          </span>
        ) : (
          <span className="field-hint">
            {flagEffect(experiment, choice) ??
              (experiment.flagKey
                ? `Flag ${experiment.flagKey} stays as it is.`
                : 'No flag backs this experiment.')}
          </span>
        )}
      </FieldGroup>
      <TextAreaField
        label="Reason"
        rows={3}
        maxLength={2000}
        value={reason}
        placeholder="What the results showed, and why this is the call"
        onChange={(event) => setReason(event.target.value)}
        error={form.fields.reason}
      />
      {srm ? (
        <TextAreaField
          label="SRM override reason"
          rows={2}
          maxLength={2000}
          value={override}
          placeholder="Why the results stand despite the mismatch"
          onChange={(event) => setOverride(event.target.value)}
          error={form.fields.srmOverrideReason}
        />
      ) : null}
    </FormDialog>
  );
}
