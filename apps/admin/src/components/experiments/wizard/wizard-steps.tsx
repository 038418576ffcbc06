'use client';

import type { TMetricDefinition } from '@bytelyst/routers/modules/experiments/metrics-schema';
import type { TFlag } from '@bytelyst/routers/modules/flags/schema';
import Link from 'next/link';
import { targetingSummary } from '~/components/flags/flag-form';
import { RolloutField } from '~/components/flags/rollout-field';
import { TargetingFields } from '~/components/flags/targeting-fields';
import { FieldGroup, SelectField, TextAreaField, TextField } from '~/components/kit/field';
import { EmptyState } from '~/components/kit/states';
import type { FieldErrors } from '~/lib/api-errors';
import { BucketBar } from '../bucket-bar';
import styles from '../experiments.module.css';
import { KIND_LABELS } from '../labels';
import { bucketRangesOf, createInputOf, hashAttributeOf, type WizardValues } from './wizard-form';

type StepProps = {
  values: WizardValues;
  set: <Key extends keyof WizardValues>(key: Key, value: WizardValues[Key]) => void;
  fields: FieldErrors;
};

type TargetingStepProps = StepProps & { patch: (change: Partial<WizardValues>) => void };

export function BasicsStep({ values, set, fields, flags }: StepProps & { flags: readonly TFlag[] }) {
  return (
    <>
      <div className="grid grid-halves">
        <TextField
          label="Key"
          value={values.key}
          placeholder="new-checkout"
          hint="Lower-case kebab-case or snake_case; SDKs report it, and it seeds the hashing. It cannot change."
          onChange={(event) => set('key', event.target.value)}
          error={fields.key}
        />
        <TextField
          label="Name"
          value={values.name}
          placeholder="One-page checkout"
          maxLength={200}
          onChange={(event) => set('name', event.target.value)}
          error={fields.name}
        />
      </div>
      <TextAreaField
        label="Hypothesis"
        value={values.hypothesis}
        rows={3}
        maxLength={2000}
        placeholder="If we show X to Y, then Z will rise, because…"
        onChange={(event) => set('hypothesis', event.target.value)}
        error={fields.hypothesis}
      />
      <SelectField
        label="Feature flag"
        value={values.flagKey}
        options={[
          { value: '', label: 'None: the experiment stands alone' },
          ...flags.map((flag) => ({ value: flag.key, label: flag.key })),
        ]}
        onChange={(event) => set('flagKey', event.target.value)}
        error={fields.flagKey}
        hint="Concluding with a treatment as the winner rolls this flag out to 100 %; with control it is turned off."
      />
    </>
  );
}

export function TargetingStep({ values, set, patch, fields }: TargetingStepProps) {
  return (
    <>
      <RolloutField
        label="Targeted share"
        value={values.targetedPercentage}
        onChange={(value) => set('targetedPercentage', value)}
        error={fields['targetingRules.percentage']}
        hint="Like a flag's rollout: units are bucketed by the experiment key; the others are not targeted at all."
      />
      <TargetingFields
        value={values}
        onChange={patch}
        errors={fields}
        errorPrefix="targetingRules"
        includeLabel="Always targeted user ids"
        excludeLabel="Never targeted user ids"
      />
    </>
  );
}

function MetricChecks({
  legend,
  metrics,
  chosen,
  disabled,
  onChange,
  error,
}: {
  legend: string;
  metrics: readonly TMetricDefinition[];
  chosen: readonly string[];
  disabled: string;
  onChange: (next: string[]) => void;
  error: string | undefined;
}) {
  return (
    <FieldGroup legend={legend}>
      <div className={styles.metricChecks}>
        {metrics.map((metric) => (
          <label key={metric.key} className="checkbox-row">
            <input
              type="checkbox"
              checked={chosen.includes(metric.key)}
              disabled={metric.key === disabled}
              onChange={(event) =>
                onChange(
                  event.target.checked ? [...chosen, metric.key] : chosen.filter((k) => k !== metric.key),
                )
              }
            />
            {metric.name} <span className="muted mono">{metric.key}</span>
          </label>
        ))}
      </div>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </FieldGroup>
  );
}

export function MetricsStep({
  values,
  set,
  fields,
  metrics,
}: StepProps & { metrics: readonly TMetricDefinition[] }) {
  if (metrics.length === 0) {
    return (
      <EmptyState title="No metrics defined yet">
        An experiment is decided by a metric. <Link href="/experiments/metrics">Define one</Link>, then come
        back.
      </EmptyState>
    );
  }
  const choose = (key: string) => {
    set('primaryMetric', key);
    set(
      'secondaryMetrics',
      values.secondaryMetrics.filter((k) => k !== key),
    );
  };
  return (
    <>
      <SelectField
        label="Primary metric"
        value={values.primaryMetric}
        options={[
          { value: '', label: 'Pick a metric' },
          ...metrics.map((m) => ({
            value: m.key,
            label: `${m.name} (${KIND_LABELS[m.kind].toLowerCase()})`,
          })),
        ]}
        onChange={(event) => choose(event.target.value)}
        error={fields.primaryMetric}
        hint="The one metric that decides the experiment."
      />
      <MetricChecks
        legend="Secondary metrics"
        metrics={metrics}
        chosen={values.secondaryMetrics}
        disabled={values.primaryMetric}
        onChange={(next) => set('secondaryMetrics', next)}
        error={fields.secondaryMetrics}
      />
      <MetricChecks
        legend="Guardrail metrics"
        metrics={metrics}
        chosen={values.guardrailMetrics}
        disabled=""
        onChange={(next) => set('guardrailMetrics', next)}
        error={fields.guardrailMetrics}
      />
      <FieldGroup legend="Analysis">
        <label className="checkbox-row">
          <input
            type="checkbox"
            checked={values.cuped}
            onChange={(event) => set('cuped', event.target.checked)}
          />
          CUPED: reduce variance with each unit's metric in the 14 days before its exposure
        </label>
        <label className="checkbox-row">
          <input
            type="checkbox"
            checked={values.sequential}
            onChange={(event) => set('sequential', event.target.checked)}
          />
          Sequential testing: intervals stay valid however often the results are looked at
        </label>
      </FieldGroup>
    </>
  );
}

export function ReviewStep({
  values,
  metrics,
}: {
  values: WizardValues;
  metrics: readonly TMetricDefinition[];
}) {
  const input = createInputOf(values);
  const nameOf = (key: string) => metrics.find((m) => m.key === key)?.name ?? key;
  const list = (keys: readonly string[]) => (keys.length ? keys.map(nameOf).join(', ') : '—');
  return (
    <dl className="dl">
      <dt>Key</dt>
      <dd className="mono">{input.key}</dd>
      <dt>Name</dt>
      <dd>{input.name}</dd>
      <dt>Hypothesis</dt>
      <dd>{input.hypothesis || '—'}</dd>
      <dt>Feature flag</dt>
      <dd className="mono">{input.flagKey ?? '—'}</dd>
      <dt>Variants</dt>
      <dd>
        <BucketBar ranges={bucketRangesOf(values)} labels={input.variants.map((v) => v.id)} />
      </dd>
      <dt>Coverage</dt>
      <dd>{values.coverage} %</dd>
      <dt>Hashing</dt>
      <dd>
        <span className="mono">{hashAttributeOf(values)}</span>
        {input.fallbackAttribute ? ' (deviceId before sign-in)' : ''}, v{input.hashVersion}
        {input.namespace
          ? `, namespace ${input.namespace[0]} ${values.namespaceStart}–${values.namespaceEnd} %`
          : ''}
      </dd>
      <dt>Targeting</dt>
      <dd>
        {values.targetedPercentage} % · {targetingSummary(input.targetingRules).join(' · ')}
      </dd>
      <dt>Primary metric</dt>
      <dd>{nameOf(input.primaryMetric)}</dd>
      <dt>Secondary metrics</dt>
      <dd>{list(input.secondaryMetrics)}</dd>
      <dt>Guardrails</dt>
      <dd>{list(input.guardrailMetrics)}</dd>
      <dt>Analysis</dt>
      <dd>
        {values.cuped ? 'CUPED' : 'No CUPED'} · {values.sequential ? 'sequential' : 'fixed horizon'} · 95 %
        intervals
      </dd>
    </dl>
  );
}
