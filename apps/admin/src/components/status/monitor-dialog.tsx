'use client';

import type { TStatusComponent, TStatusMonitor } from '@bytelyst/routers/modules/status/schema';
import { useEffect } from 'react';
import { SelectField, TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useFormValues } from '~/hooks/use-form-values';
import { type TrpcUtils, useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { trpc } from '~/lib/trpc';
import { emptyMonitor, type MonitorValues, monitorInput, monitorValuesOf } from './monitor-form';

type Props = {
  open: boolean;
  /** The monitor to edit, or null to add one. */
  monitor: TStatusMonitor | null;
  components: readonly TStatusComponent[];
  onClose: () => void;
};

const TYPES = [
  { value: 'http', label: 'HTTP(S): a URL answers' },
  { value: 'tcp', label: 'TCP: a port accepts connections' },
  { value: 'internal', label: 'Internal check of the platform' },
  { value: 'heartbeat', label: 'Heartbeat: a job pushes a secret URL' },
];
const CHECKS = [
  { value: 'store', label: 'Document store answers' },
  { value: 'blob', label: 'Blob store answers' },
  { value: 'event_backlog', label: 'Event backlog under a threshold' },
  { value: 'dead_letters', label: 'Dead letters under a threshold' },
  { value: 'job_runner', label: 'Job runner holds its leader lease' },
];

export function MonitorDialog({ open, monitor, components, onClose }: Props) {
  const first = components[0]?.id ?? '';
  const { values, set, setValues, fields, formError, check, fromApi, clear } = useFormValues<MonitorValues>(
    emptyMonitor(first),
  );
  useEffect(() => {
    if (open) setValues(monitor ? monitorValuesOf(monitor) : emptyMonitor(first));
  }, [open, monitor, first, setValues]);
  const locked = monitor?.builtin ?? false;
  const close = () => {
    clear();
    onClose();
  };
  const saved = { onDone: close, invalidate: (u: TrpcUtils) => [u.status.invalidate()], form: { fromApi } };
  const create = trpc.status.monitors.create.useMutation(
    useMutationFeedback({ ...saved, success: (m) => `${m.name} was added; it runs at the next pass.` }),
  );
  const update = trpc.status.monitors.update.useMutation(
    useMutationFeedback({ ...saved, success: (m) => `${m.name} was saved.` }),
  );
  const submit = () => {
    const { errors, input } = monitorInput(values);
    if (!check(errors)) return;
    if (monitor) {
      // The type never changes; a platform monitor's check stays what it is.
      const { type: _, url: __, host: ___, check: ____, ...changes } = input;
      const target = locked ? {} : { url: input.url, host: input.host, check: input.check };
      update.mutate({ id: monitor.id, ...changes, ...target } as Parameters<typeof update.mutate>[0]);
    } else {
      create.mutate(input as Parameters<typeof create.mutate>[0]);
    }
  };
  return (
    <FormDialog
      open={open}
      onClose={close}
      title={monitor ? `Edit ${monitor.name}` : 'New monitor'}
      description="Monitors run on the job runner's leader. HTTP(S) and TCP targets pass the same address checks as webhooks."
      formError={formError}
      submitLabel={monitor ? 'Save changes' : 'Add monitor'}
      pending={create.isPending || update.isPending}
      onSubmit={submit}
    >
      <div className="grid grid-halves">
        <TextField
          label="Name"
          value={values.name}
          maxLength={80}
          onChange={(e) => set('name', e.target.value)}
          error={fields.name}
        />
        <SelectField
          label="Component"
          value={values.componentId}
          options={components.map((c) => ({ value: c.id, label: c.name }))}
          onChange={(e) => set('componentId', e.target.value)}
          error={fields.componentId}
        />
      </div>
      <SelectField
        label="Type"
        value={values.type}
        options={TYPES}
        disabled={monitor !== null}
        onChange={(e) => set('type', e.target.value as MonitorValues['type'])}
      />
      {values.type === 'http' ? (
        <>
          <TextField
            label="URL"
            value={values.url}
            placeholder="https://app.example.com/health"
            spellCheck={false}
            disabled={locked}
            onChange={(e) => set('url', e.target.value)}
            error={fields.url}
          />
          <div className="grid grid-halves">
            <TextField
              label="Expected status"
              value={values.expectedStatus}
              hint="Codes or ranges: 200-299, 301"
              onChange={(e) => set('expectedStatus', e.target.value)}
              error={fields.expectedStatus}
            />
            <TextField
              label="Keyword"
              value={values.keyword}
              hint="Optional: the answer must contain it"
              onChange={(e) => set('keyword', e.target.value)}
              error={fields.keyword}
            />
          </div>
        </>
      ) : null}
      {values.type === 'tcp' ? (
        <div className="grid grid-halves">
          <TextField
            label="Host"
            value={values.host}
            spellCheck={false}
            disabled={locked}
            onChange={(e) => set('host', e.target.value)}
            error={fields.host}
          />
          <TextField
            label="Port"
            value={values.port}
            inputMode="numeric"
            onChange={(e) => set('port', e.target.value)}
            error={fields.port}
          />
        </div>
      ) : null}
      {values.type === 'internal' ? (
        <div className="grid grid-halves">
          <SelectField
            label="Check"
            value={values.check}
            options={CHECKS}
            disabled={locked}
            onChange={(e) => set('check', e.target.value as MonitorValues['check'])}
            error={fields.check}
          />
          <TextField
            label="Threshold"
            value={values.threshold}
            inputMode="numeric"
            hint="Backlog and dead letters: fails above it"
            onChange={(e) => set('threshold', e.target.value)}
            error={fields.threshold}
          />
        </div>
      ) : null}
      {values.type === 'heartbeat' ? (
        <p className="muted">
          The push URL is shown once the monitor exists. The monitor fails when no push came within its
          interval.
        </p>
      ) : null}
      <div className="grid grid-halves">
        <TextField
          label="Interval (seconds)"
          value={values.intervalSeconds}
          inputMode="numeric"
          hint={values.type === 'heartbeat' ? 'How long a push counts' : 'Time between checks'}
          onChange={(e) => set('intervalSeconds', e.target.value)}
          error={fields.intervalSeconds}
        />
        <TextField
          label="Retries before down"
          value={values.retries}
          inputMode="numeric"
          hint="Failed checks in a row tolerated"
          onChange={(e) => set('retries', e.target.value)}
          error={fields.retries}
        />
      </div>
      <div className="grid grid-halves">
        <TextField
          label="Timeout (ms)"
          value={values.timeoutMs}
          inputMode="numeric"
          onChange={(e) => set('timeoutMs', e.target.value)}
          error={fields.timeoutMs}
        />
        <TextField
          label="Degraded above (ms)"
          value={values.degradedLatencyMs}
          inputMode="numeric"
          hint="Optional latency threshold"
          onChange={(e) => set('degradedLatencyMs', e.target.value)}
          error={fields.degradedLatencyMs}
        />
      </div>
      <label className="checkbox-row">
        <input type="checkbox" checked={values.enabled} onChange={(e) => set('enabled', e.target.checked)} />
        Enabled
      </label>
    </FormDialog>
  );
}
