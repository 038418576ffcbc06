'use client';

import { MAX_VARIANTS } from '@bytelyst/routers/modules/experiments/schema';
import { RolloutField } from '~/components/flags/rollout-field';
import { Button } from '~/components/kit/button';
import { FieldGroup, SelectField, TextField } from '~/components/kit/field';
import type { FieldErrors } from '~/lib/api-errors';
import { BucketBar } from '../bucket-bar';
import styles from '../experiments.module.css';
import {
  bucketRangesOf,
  type HashChoice,
  type VariantRow,
  type WizardValues,
  weightTotal,
} from './wizard-form';

type Props = {
  values: WizardValues;
  set: <Key extends keyof WizardValues>(key: Key, value: WizardValues[Key]) => void;
  fields: FieldErrors;
};

const HASH_OPTIONS: { value: HashChoice; label: string }[] = [
  { value: 'userId', label: 'userId (signed-in users)' },
  { value: 'deviceId', label: 'deviceId (devices, signed in or not)' },
  { value: 'custom', label: 'Another attribute (an anonymous id)' },
];

/** Even weights with two decimals that sum to exactly 100 (the remainder goes to control). */
const evenWeights = (n: number): string[] => {
  const each = Math.floor(10_000 / n) / 100;
  const first = Math.round((100 - each * (n - 1)) * 100) / 100;
  return Array.from({ length: n }, (_, i) => String(i === 0 ? first : each));
};

export function VariantsStep({ values, set, fields }: Props) {
  const rows = values.variants;
  const setRows = (next: VariantRow[]) => set('variants', next);
  const setRow = (index: number, patch: Partial<VariantRow>) =>
    setRows(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const spread = (next: VariantRow[]) => {
    const weights = evenWeights(next.length);
    return next.map((row, i) => ({ ...row, weight: weights[i] ?? '0' }));
  };
  const total = weightTotal(values);
  const ranges = bucketRangesOf(values);

  return (
    <>
      <FieldGroup legend="Variants">
        <p className="field-hint">
          The first variant is the control every other one is compared with. Weights are percentages of the
          units in the experiment and must sum to 100.
        </p>
        {rows.map((row, i) => (
          <fieldset key={i} className={styles.variantRow} aria-label={`Variant ${i + 1}`}>
            <TextField
              label="Id"
              value={row.id}
              placeholder={i === 0 ? 'control' : `treatment${i > 1 ? `-${i}` : ''}`}
              onChange={(event) => setRow(i, { id: event.target.value })}
              error={fields[`variants.${i}.id`]}
            />
            <TextField
              label="Name"
              value={row.name}
              placeholder={i === 0 ? 'Control' : 'What this variant shows'}
              maxLength={100}
              onChange={(event) => setRow(i, { name: event.target.value })}
              error={fields[`variants.${i}.name`]}
            />
            <TextField
              label="Weight %"
              type="number"
              min={0}
              max={100}
              step={0.01}
              value={row.weight}
              onChange={(event) => setRow(i, { weight: event.target.value })}
              error={fields[`variants.${i}.weight`]}
            />
            <Button
              size="sm"
              variant="ghost"
              aria-label={`Remove variant ${i + 1}`}
              disabled={rows.length <= 2}
              onClick={() => setRows(rows.filter((_, j) => j !== i))}
            >
              Remove
            </Button>
          </fieldset>
        ))}
        <div className="row">
          <Button
            size="sm"
            disabled={rows.length >= MAX_VARIANTS}
            onClick={() =>
              setRows(spread([...rows, { id: `treatment-${rows.length}`, name: '', weight: '0' }]))
            }
          >
            Add variant
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setRows(spread(rows))}>
            Split evenly
          </Button>
          <span className="spacer" />
          <span className={Math.abs(total - 100) > 1e-6 ? 'error-text' : 'muted'} aria-live="polite">
            Weights sum to {Number(total.toFixed(2))} %
          </span>
        </div>
        {fields.variants ? (
          <span className="field-error" role="alert">
            {fields.variants}
          </span>
        ) : null}
      </FieldGroup>
      <RolloutField
        label="Coverage"
        value={values.coverage}
        onChange={(value) => set('coverage', value)}
        error={fields.coverage}
        hint="The share of targeted units that enter the experiment; the others keep the default and are not counted."
      />
      <FieldGroup legend="Bucket ranges">
        <BucketBar ranges={ranges} labels={rows.map((row) => row.id.trim())} />
        {Math.abs(total - 100) > 1e-6 ? (
          <p className="field-hint">
            Until the weights sum to 100 the SDK splits evenly, as the bar shows; the API refuses the
            experiment.
          </p>
        ) : null}
      </FieldGroup>
      <FieldGroup legend="Hashing">
        <div className="grid grid-halves">
          <SelectField
            label="Hash attribute"
            value={values.hashChoice}
            options={HASH_OPTIONS}
            onChange={(event) => set('hashChoice', event.target.value as HashChoice)}
            error={values.hashChoice === 'custom' ? undefined : fields.hashAttribute}
            hint="Units with the same value always see the same variant."
          />
          <SelectField
            label="Hash version"
            value={values.hashVersion}
            options={[
              { value: '2', label: 'v2 (GrowthBook default)' },
              { value: '1', label: 'v1 (older SDKs)' },
            ]}
            onChange={(event) => set('hashVersion', event.target.value as '1' | '2')}
            error={fields.hashVersion}
          />
        </div>
        {values.hashChoice === 'custom' ? (
          <TextField
            label="Attribute name"
            value={values.customAttribute}
            placeholder="anonymousId"
            onChange={(event) => set('customAttribute', event.target.value)}
            error={fields.hashAttribute}
          />
        ) : null}
        {values.hashChoice === 'userId' ? (
          <label className="checkbox-row">
            <input
              type="checkbox"
              checked={values.fallbackToDevice}
              onChange={(event) => set('fallbackToDevice', event.target.checked)}
            />
            Before sign-in, hash deviceId; the user keeps that variant once signed in
          </label>
        ) : null}
      </FieldGroup>
      <FieldGroup legend="Namespace">
        <label className="checkbox-row">
          <input
            type="checkbox"
            checked={values.namespaceOn}
            onChange={(event) => set('namespaceOn', event.target.checked)}
          />
          Mutually exclusive with other experiments in a namespace
        </label>
        {values.namespaceOn ? (
          <div className="grid grid-thirds">
            <TextField
              label="Namespace"
              value={values.namespaceId}
              placeholder="checkout"
              onChange={(event) => set('namespaceId', event.target.value)}
              error={fields['namespace.0']}
            />
            <TextField
              label="From %"
              type="number"
              min={0}
              max={100}
              value={values.namespaceStart}
              onChange={(event) => set('namespaceStart', event.target.value)}
              error={fields['namespace.1']}
            />
            <TextField
              label="To %"
              type="number"
              min={0}
              max={100}
              value={values.namespaceEnd}
              onChange={(event) => set('namespaceEnd', event.target.value)}
              error={fields['namespace.2']}
              hint="Experiments of one namespace with disjoint ranges never share a unit."
            />
          </div>
        ) : null}
      </FieldGroup>
    </>
  );
}
