'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Button } from '~/components/kit/button';
import { FormError } from '~/components/kit/form-error';
import { PageHeader } from '~/components/kit/page-header';
import { ErrorState } from '~/components/kit/states';
import { useFormValues } from '~/hooks/use-form-values';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { type FieldErrors, fieldErrorsOf } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';
import styles from '../experiments.module.css';
import { FLAG_CHOICES_INPUT } from '../experiments-list';
import { VariantsStep } from './variants-step';
import {
  checkWizard,
  createInputOf,
  EMPTY_WIZARD,
  errorsOfStep,
  stepOfField,
  WIZARD_STEPS,
} from './wizard-form';
import { BasicsStep, MetricsStep, ReviewStep, TargetingStep } from './wizard-steps';

const LAST = WIZARD_STEPS.length - 1;

/** The first step with an error, or null. */
const firstStepWith = (errors: FieldErrors): number | null => {
  const steps = Object.keys(errors).map(stepOfField);
  return steps.length ? Math.min(...steps) : null;
};

/**
 * Creates a draft experiment step by step: basics, variants and traffic (with the live bucket ranges),
 * targeting, metrics, review. Each step is checked against the API's own schema before the next; an error the
 * API finds opens the step of its field.
 */
export function ExperimentWizard() {
  const router = useRouter();
  const [step, setStep] = useState(0);
  const [visited, setVisited] = useState(0);
  const form = useFormValues(EMPTY_WIZARD);
  const { values, set, setValues, fields, formError, check, setFields, setFormError } = form;
  const metrics = trpc.experiments.metrics.list.useQuery();
  const flags = trpc.flags.list.useQuery(FLAG_CHOICES_INPUT);

  // Once a step has been refused, its errors follow the typing, so a fixed field stops showing its error.
  const [live, setLive] = useState(false);
  useEffect(() => {
    if (!live) return;
    const errors = errorsOfStep(checkWizard(values), step);
    setFields(errors);
    if (Object.keys(errors).length === 0) setFormError(null);
  }, [live, values, step, setFields, setFormError]);

  const go = (next: number) => {
    setStep(next);
    setVisited((seen) => Math.max(seen, next));
  };
  const create = trpc.experiments.create.useMutation(
    useMutationFeedback({
      success: (e) => `Experiment ${e.key} was created as a draft.`,
      invalidate: (u) => [u.experiments.list.invalidate()],
      onDone: (e) => router.push(`/experiments/${encodeURIComponent(e.id)}`),
      form: {
        fromApi: (error) => {
          setLive(false);
          form.fromApi(error);
          const at = firstStepWith(fieldErrorsOf(error));
          if (at !== null) go(at);
        },
      },
    }),
  );

  const next = () => {
    const ok = check(errorsOfStep(checkWizard(values), step));
    setLive(!ok);
    if (ok) go(step + 1);
  };
  const submit = () => {
    const errors = checkWizard(values);
    const at = firstStepWith(errors);
    if (at !== null) {
      setFields(errors);
      setFormError('Some fields need a look before the experiment can be created.');
      setStep(at);
      setLive(true);
      return;
    }
    check({});
    create.mutate(createInputOf(values));
  };

  const loadError = metrics.error ?? flags.error;
  const current = WIZARD_STEPS[step];
  const stepHasError = (index: number) => Object.keys(fields).some((path) => stepOfField(path) === index);

  return (
    <>
      <PageHeader
        title="New experiment"
        description="A draft to review before it starts: nobody is assigned until you press Start on its page."
        breadcrumb={
          <>
            <Link href="/experiments">Experiments</Link>
            <span aria-hidden="true">/</span>
            <span>New</span>
          </>
        }
      />
      <ol className={styles.steps} aria-label="Wizard steps">
        {WIZARD_STEPS.map((s, i) => (
          <li key={s.id}>
            <button
              type="button"
              onClick={() => {
                setLive(false);
                check({});
                setStep(i);
              }}
              className={[
                styles.step,
                i < step ? styles.stepDone : '',
                stepHasError(i) ? styles.stepError : '',
              ].join(' ')}
              aria-current={i === step ? 'step' : undefined}
              disabled={i > visited}
            >
              {s.label}
            </button>
          </li>
        ))}
      </ol>
      <section className="card" aria-labelledby="wizard-step-title">
        <div className="card-header">
          <h2 className="card-title" id="wizard-step-title">
            {current?.label}
          </h2>
        </div>
        <form
          className={`card-body ${styles.wizardBody}`}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (step === LAST) submit();
            else next();
          }}
        >
          <FormError message={formError} />
          {loadError ? (
            <ErrorState
              error={loadError}
              onRetry={() => {
                void metrics.refetch();
                void flags.refetch();
              }}
            />
          ) : null}
          {step === 0 ? (
            <BasicsStep values={values} set={set} fields={fields} flags={flags.data?.items ?? []} />
          ) : null}
          {step === 1 ? <VariantsStep values={values} set={set} fields={fields} /> : null}
          {step === 2 ? (
            <TargetingStep
              values={values}
              set={set}
              patch={(change) => setValues((current) => ({ ...current, ...change }))}
              fields={fields}
            />
          ) : null}
          {step === 3 ? (
            <MetricsStep values={values} set={set} fields={fields} metrics={metrics.data?.items ?? []} />
          ) : null}
          {step === LAST ? <ReviewStep values={values} metrics={metrics.data?.items ?? []} /> : null}
          <div className={styles.wizardFooter}>
            <Button
              disabled={step === 0}
              onClick={() => {
                setLive(false);
                check({});
                setStep(step - 1);
              }}
            >
              Back
            </Button>
            <Button type="submit" variant="primary" loading={create.isPending}>
              {step === LAST ? 'Create experiment' : 'Next'}
            </Button>
          </div>
        </form>
      </section>
    </>
  );
}
