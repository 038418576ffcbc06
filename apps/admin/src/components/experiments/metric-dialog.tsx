'use client';

import {
  METRIC_KINDS,
  type TMetricDefinition,
  type TMetricSource,
} from '@bytelyst/routers/modules/experiments/metrics-schema';
import { useEffect } from 'react';
import { FieldGroup, SelectField, TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useFormValues } from '~/hooks/use-form-values';
import { type TrpcUtils, useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { trpc } from '~/lib/trpc';
import { KIND_LABELS } from './labels';
import {
  checkMetric,
  EMPTY_METRIC,
  type MetricValues,
  metricFieldsOf,
  SOURCE_LABELS,
  takesValueProp,
  valuesOf,
} from './metric-form';

type Props = { open: boolean; metric: TMetricDefinition | null; onClose: () => void };

const KIND_HINTS: Record<MetricValues['kind'], string> = {
  conversion: 'Did the unit do it within the window after its first exposure (0 or 1 per unit)?',
  count: 'How many times per unit.',
  sum: 'The total of a numeric prop per unit (usage: of the recorded quantities).',
  ratio: 'Sum of the numerator over sum of the denominator, per variant.',
};

const SOURCE_OPTIONS = (Object.keys(SOURCE_LABELS) as TMetricSource[]).map((value) => ({
  value,
  label: SOURCE_LABELS[value],
}));

function EventFields({
  legend,
  labelPrefix,
  prefix,
  kind,
  source,
  event,
  prop,
  onSource,
  onEvent,
  onProp,
  fields,
}: {
  legend: string;
  /** Before each label: '' for the one event of most kinds, 'Numerator ' and 'Denominator ' for a ratio. */
  labelPrefix: string;
  prefix: 'numerator' | 'denominator';
  kind: MetricValues['kind'];
  source: TMetricSource;
  event: string;
  prop: string;
  onSource: (value: TMetricSource) => void;
  onEvent: (value: string) => void;
  onProp: (value: string) => void;
  fields: Record<string, string>;
}) {
  return (
    <FieldGroup legend={legend}>
      <div className="grid grid-halves">
        <SelectField
          label={`${labelPrefix}Source`}
          value={source}
          options={SOURCE_OPTIONS}
          onChange={(e) => onSource(e.target.value as TMetricSource)}
        />
        <TextField
          label={`${labelPrefix}Event`}
          value={event}
          placeholder={source === 'usage' ? 'exports' : 'checkout.purchase'}
          onChange={(e) => onEvent(e.target.value)}
          error={fields[`${prefix}.event`] ?? (prefix === 'denominator' ? fields.denominator : undefined)}
        />
      </div>
      {takesValueProp(kind, source) ? (
        <TextField
          label={`${labelPrefix}Value prop`}
          value={prop}
          placeholder="amount"
          hint="The numeric prop added up; empty counts the events."
          onChange={(e) => onProp(e.target.value)}
          error={fields[`${prefix}.valueProp`]}
        />
      ) : null}
    </FieldGroup>
  );
}

/** Defines a metric, or edits one (its key stays). */
export function MetricDialog({ open, metric, onClose }: Props) {
  const { values, set, setValues, fields, formError, check, fromApi, clear } = useFormValues(EMPTY_METRIC);
  const creating = metric === null;
  useEffect(() => {
    if (open) setValues(metric ? valuesOf(metric) : EMPTY_METRIC);
  }, [open, metric, setValues]);
  const close = () => {
    clear();
    onClose();
  };
  const saved = {
    onDone: close,
    invalidate: (u: TrpcUtils) => [u.experiments.metrics.invalidate()],
    form: { fromApi },
  };
  const create = trpc.experiments.metrics.create.useMutation(
    useMutationFeedback({ ...saved, success: (m) => `Metric ${m.key} was created.` }),
  );
  const update = trpc.experiments.metrics.update.useMutation(
    useMutationFeedback({ ...saved, success: (m) => `Metric ${m.key} was saved.` }),
  );
  const submit = () => {
    if (!check(checkMetric(values, creating))) return;
    if (creating) create.mutate({ key: values.key.trim(), ...metricFieldsOf(values) });
    else update.mutate({ key: values.key, ...metricFieldsOf(values) });
  };

  return (
    <FormDialog
      open={open}
      onClose={close}
      title={creating ? 'New metric' : `Edit ${metric.key}`}
      description={
        creating
          ? 'Metrics are computed per unit from its first exposure; experiments name them by key.'
          : 'Experiments that use this metric compute it the new way from their next results.'
      }
      formError={formError}
      submitLabel={creating ? 'Create metric' : 'Save changes'}
      pending={create.isPending || update.isPending}
      onSubmit={submit}
    >
      <div className="grid grid-halves">
        {creating ? (
          <TextField
            label="Key"
            value={values.key}
            placeholder="purchase"
            onChange={(e) => set('key', e.target.value)}
            error={fields.key}
          />
        ) : null}
        <TextField
          label="Name"
          value={values.name}
          placeholder="Purchase"
          maxLength={200}
          onChange={(e) => set('name', e.target.value)}
          error={fields.name}
        />
      </div>
      <TextField
        label="Description"
        value={values.description}
        maxLength={1000}
        onChange={(e) => set('description', e.target.value)}
        error={fields.description}
      />
      <div className="grid grid-halves">
        <SelectField
          label="Kind"
          value={values.kind}
          options={METRIC_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
          onChange={(e) => set('kind', e.target.value as MetricValues['kind'])}
          hint={KIND_HINTS[values.kind]}
          error={fields.kind}
        />
        <SelectField
          label="Better when"
          value={values.direction}
          options={[
            { value: 'higher', label: 'Higher' },
            { value: 'lower', label: 'Lower' },
          ]}
          onChange={(e) => set('direction', e.target.value as MetricValues['direction'])}
          error={fields.direction}
        />
      </div>
      <EventFields
        legend={values.kind === 'ratio' ? 'Numerator' : 'Measured event'}
        labelPrefix={values.kind === 'ratio' ? 'Numerator ' : ''}
        prefix="numerator"
        kind={values.kind}
        source={values.numSource}
        event={values.numEvent}
        prop={values.numProp}
        onSource={(v) => set('numSource', v)}
        onEvent={(v) => set('numEvent', v)}
        onProp={(v) => set('numProp', v)}
        fields={fields}
      />
      {values.kind === 'ratio' ? (
        <EventFields
          legend="Denominator"
          labelPrefix="Denominator "
          prefix="denominator"
          kind={values.kind}
          source={values.denSource}
          event={values.denEvent}
          prop={values.denProp}
          onSource={(v) => set('denSource', v)}
          onEvent={(v) => set('denEvent', v)}
          onProp={(v) => set('denProp', v)}
          fields={fields}
        />
      ) : null}
      <TextField
        label="Window (hours)"
        type="number"
        min={1}
        value={values.windowHours}
        hint="Counted from each unit's first exposure; empty counts to the end of the data window."
        onChange={(e) => set('windowHours', e.target.value)}
        error={fields.windowHours}
      />
    </FormDialog>
  );
}
