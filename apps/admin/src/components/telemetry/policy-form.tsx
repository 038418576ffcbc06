'use client';

import type { TCollectionPolicy, TTelemetryLevel } from '@bytelyst/routers/modules/telemetry/schema';
import { ZCollectionPolicyFields } from '@bytelyst/routers/modules/telemetry/schema';
import { useEffect, useId, useState } from 'react';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { TextAreaField, TextField } from '~/components/kit/field';
import { FormError } from '~/components/kit/form-error';
import { useFormErrors } from '~/hooks/use-form-errors';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { formatDateTime } from '~/lib/format';
import { passes } from '~/lib/schema-check';
import { trpc } from '~/lib/trpc';
import { Switch } from '../flags/switch';
import styles from './telemetry.module.css';

const LEVELS: readonly TTelemetryLevel[] = ['debug', 'info', 'warn', 'error', 'fatal'];

type Form = {
  enabled: boolean;
  rates: Record<TTelemetryLevel, string>;
  denyNames: string;
  maxBatch: string;
  retentionDays: string;
};

const formOf = (p: TCollectionPolicy): Form => ({
  enabled: p.enabled,
  rates: {
    debug: String(Math.round(p.sampleRates.debug * 100)),
    info: String(Math.round(p.sampleRates.info * 100)),
    warn: String(Math.round(p.sampleRates.warn * 100)),
    error: String(Math.round(p.sampleRates.error * 100)),
    fatal: String(Math.round(p.sampleRates.fatal * 100)),
  },
  denyNames: p.denyNames.join('\n'),
  maxBatch: String(p.maxBatch),
  retentionDays: String(p.retentionDays),
});

const intIn = (value: string, min: number, max: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? n : null;
};

/** The product's collection policy: one form, saved at once; a shorter retention asks first. */
export function PolicyForm({ policy }: { policy: TCollectionPolicy }) {
  const [form, setForm] = useState<Form>(() => formOf(policy));
  const [confirming, setConfirming] = useState(false);
  const { fields, formError, check, fromApi, reset } = useFormErrors();
  const switchId = useId();
  useEffect(() => setForm(formOf(policy)), [policy]);

  const save = trpc.telemetry.policy.update.useMutation(
    useMutationFeedback({
      success: 'Collection policy saved. Clients follow it from their next batch.',
      onDone: () => {
        setConfirming(false);
        reset();
      },
      invalidate: (u) => [u.telemetry.policy.invalidate()],
      form: { fromApi },
      onFailed: () => setConfirming(false),
    }),
  );

  const parsed = () => {
    const errors: Record<string, string> = {};
    const rates = {} as Record<TTelemetryLevel, number>;
    for (const level of LEVELS) {
      const pct = intIn(form.rates[level], 0, 100);
      if (pct === null) errors[`sampleRates.${level}`] = 'A whole percentage, 0 to 100';
      rates[level] = (pct ?? 0) / 100;
    }
    const maxBatch = intIn(form.maxBatch, 1, 500);
    if (maxBatch === null) errors.maxBatch = '1 to 500 events';
    const retentionDays = intIn(form.retentionDays, 1, 365);
    if (retentionDays === null) errors.retentionDays = '1 to 365 days';
    const denyNames = form.denyNames
      .split(/[\n,]/)
      .map((name) => name.trim())
      .filter(Boolean);
    const badName = denyNames.find((name) => !passes(ZCollectionPolicyFields.shape.denyNames.element, name));
    if (badName) errors.denyNames = `"${badName}" is not an event name (a trailing * matches a prefix)`;
    return {
      errors,
      input: {
        enabled: form.enabled,
        sampleRates: rates,
        denyNames,
        maxBatch: maxBatch ?? 1,
        retentionDays: retentionDays ?? 1,
      },
    };
  };

  const submit = () => {
    const { errors, input } = parsed();
    if (!check(errors)) return;
    // Shortening retention deletes stored events at the next sweep: ask first.
    if (input.retentionDays < policy.retentionDays) setConfirming(true);
    else save.mutate(input);
  };
  const dirty = JSON.stringify(form) !== JSON.stringify(formOf(policy));

  return (
    <Card
      titleId="policy-title"
      title="Collection policy"
      subtitle="Sampling decides per event; errors are usually kept at 100%."
    >
      <form
        className="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <FormError message={formError} />
        <div className="row">
          <Switch
            id={switchId}
            checked={form.enabled}
            label="Collect client telemetry"
            onChange={(enabled) => setForm((f) => ({ ...f, enabled }))}
          />
          <label htmlFor={switchId} className="field-label">
            {form.enabled ? 'Collecting events from clients' : 'Collection off: every event is dropped'}
          </label>
        </div>
        <fieldset className={`stack-tight ${styles.group}`}>
          <legend className="field-label">Sample rate per level (% of events kept)</legend>
          <div className={styles.rates}>
            {LEVELS.map((level) => (
              <TextField
                key={level}
                label={level}
                type="number"
                min={0}
                max={100}
                step={1}
                value={form.rates[level]}
                error={fields[`sampleRates.${level}`]}
                onChange={(event) =>
                  setForm((f) => ({ ...f, rates: { ...f.rates, [level]: event.target.value } }))
                }
              />
            ))}
          </div>
        </fieldset>
        <TextAreaField
          label="Denied event names"
          value={form.denyNames}
          placeholder={'debug.*\nscroll.position'}
          hint="One per line; never stored. A trailing * matches every name with that prefix."
          error={fields.denyNames}
          onChange={(event) => setForm((f) => ({ ...f, denyNames: event.target.value }))}
        />
        <div className="grid grid-halves">
          <TextField
            label="Max events per batch"
            type="number"
            min={1}
            max={500}
            value={form.maxBatch}
            error={fields.maxBatch}
            hint="Larger batches are refused with a 400."
            onChange={(event) => setForm((f) => ({ ...f, maxBatch: event.target.value }))}
          />
          <TextField
            label="Retention (days)"
            type="number"
            min={1}
            max={365}
            value={form.retentionDays}
            error={fields.retentionDays}
            hint="Older events are deleted by telemetry-ttl-sweep daily at 03:00 UTC."
            onChange={(event) => setForm((f) => ({ ...f, retentionDays: event.target.value }))}
          />
        </div>
        <div className="row">
          <span className="cell-secondary">
            {policy.updatedAt
              ? `Last changed ${formatDateTime(policy.updatedAt)}`
              : 'Defaults: never changed'}
          </span>
          <span className="spacer" />
          <Button onClick={() => setForm(formOf(policy))} disabled={!dirty || save.isPending}>
            Reset
          </Button>
          <Button type="submit" variant="primary" loading={save.isPending} disabled={!dirty}>
            Save policy
          </Button>
        </div>
      </form>
      <ConfirmDialog
        open={confirming}
        title="Shorten the retention?"
        description={`Events older than ${form.retentionDays} days will be deleted at the next telemetry sweep. This cannot be undone.`}
        confirmLabel="Shorten retention"
        pending={save.isPending}
        onConfirm={() => save.mutate(parsed().input)}
        onClose={() => setConfirming(false)}
      />
    </Card>
  );
}
