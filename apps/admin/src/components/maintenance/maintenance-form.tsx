'use client';

import {
  MAINTENANCE_MODES,
  PLATFORM_SERVICES,
  type TMaintenanceConfig,
  type TMaintenanceSchedule,
  ZWindowMode,
} from '@bytelyst/routers/modules/maintenance/schema';
import { ROLES, type TRole } from '@bytelyst/routers/modules/users/schema';
import { useEffect, useId, useState } from 'react';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { FieldGroup, SelectField, TextAreaField, TextField } from '~/components/kit/field';
import { FormError } from '~/components/kit/form-error';
import { ROLE_LABELS } from '~/components/kit/status-badges';
import { useFormErrors } from '~/hooks/use-form-errors';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import styles from './maintenance.module.css';
import { formOf, goesDown, inputOf, type MaintenanceForm } from './maintenance-form-state';
import { MODE_HINTS, MODE_LABELS, SERVICE_LABELS } from './maintenance-labels';
import { MaintenanceNotice } from './maintenance-notice';

type Props = {
  current: TMaintenanceConfig;
  schedule: TMaintenanceSchedule | undefined;
  /** Called once a save went through, so the checklist can follow the switch it started. */
  onSaved: () => void;
};

const toggled = <T,>(list: readonly T[], value: T, on: boolean): T[] =>
  on ? [...new Set([...list, value])] : list.filter((entry) => entry !== value);

/** The product's maintenance config: mode, messages with a preview, the planned window and who bypasses. */
export function MaintenanceFormCard({ current, schedule, onSaved }: Props) {
  const [form, setForm] = useState<MaintenanceForm>(() => formOf(current, schedule));
  const [confirming, setConfirming] = useState(false);
  const { fields, formError, fromApi, reset } = useFormErrors();
  const modeName = useId();

  useEffect(() => setForm(formOf(current, schedule)), [current, schedule]);
  const set = <K extends keyof MaintenanceForm>(key: K, value: MaintenanceForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  const save = trpc.maintenance.set.useMutation(
    useMutationFeedback({
      success: (saved) => `Maintenance mode is ${MODE_LABELS[saved.mode].toLowerCase()}.`,
      onDone: () => {
        setConfirming(false);
        reset();
        onSaved();
      },
      invalidate: (u) => [
        u.maintenance.get.invalidate(),
        u.maintenance.getSchedule.invalidate(),
        u.maintenance.getSwitch.invalidate(),
      ],
      form: { fromApi },
      onFailed: () => setConfirming(false),
    }),
  );

  const send = () => save.mutate(inputOf(form));
  const submit = () => (goesDown(current.mode, form.mode) ? setConfirming(true) : send());
  const allServices = form.affectedServices.includes('*');

  return (
    <Card
      titleId="maintenance-mode-title"
      title="Mode and message"
      subtitle="Applies to the selected product at once; a planned window switches itself on and off."
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
        <fieldset className={styles.modes} aria-describedby={`${modeName}-hint`}>
          <legend className="field-label">Mode</legend>
          <div className={styles.modeOptions}>
            {MAINTENANCE_MODES.map((mode) => (
              <label key={mode} className={styles.modeOption} data-mode={mode}>
                <input
                  type="radio"
                  name={modeName}
                  value={mode}
                  checked={form.mode === mode}
                  onChange={() => set('mode', mode)}
                />
                {MODE_LABELS[mode]}
              </label>
            ))}
          </div>
          <span className="field-hint" id={`${modeName}-hint`}>
            {MODE_HINTS[form.mode]}
          </span>
        </fieldset>
        <div className="grid grid-halves">
          <TextAreaField
            label="Message"
            value={form.message}
            maxLength={500}
            placeholder="We are upgrading the database. Back by 03:00 UTC."
            hint="Shown to users: the banner, clients and every refused request."
            onChange={(event) => set('message', event.target.value)}
            error={fields.message}
          />
          <TextAreaField
            label="Admin message"
            value={form.adminMessage}
            maxLength={500}
            placeholder="Runbook, who is on call, what not to touch."
            hint="Shown to admins only, under the message."
            onChange={(event) => set('adminMessage', event.target.value)}
            error={fields.adminMessage}
          />
        </div>
        <div className={styles.preview}>
          <span className="field-label">Preview</span>
          {form.mode === 'off' ? (
            <p className="field-hint">No banner while the mode is off.</p>
          ) : (
            <MaintenanceNotice
              label="Banner preview"
              mode={form.mode}
              message={form.message.trim()}
              adminMessage={form.adminMessage.trim()}
            />
          )}
        </div>
        <FieldGroup legend="Planned window">
          <div className={styles.scheduleRow}>
            <TextField
              type="datetime-local"
              label="Starts"
              value={form.scheduledStart}
              hint="Empty: no planned start."
              onChange={(event) => set('scheduledStart', event.target.value)}
              error={fields.scheduledStart}
            />
            <TextField
              type="datetime-local"
              label="Ends"
              value={form.scheduledEnd}
              hint="Switches back to off; clients retry then."
              onChange={(event) => set('scheduledEnd', event.target.value)}
              error={fields.scheduledEnd}
            />
            <SelectField
              label="Mode during the window"
              value={form.scheduledMode}
              options={ZWindowMode.options.map((mode) => ({ value: mode, label: MODE_LABELS[mode] }))}
              onChange={(event) =>
                set('scheduledMode', event.target.value as MaintenanceForm['scheduledMode'])
              }
              error={fields.scheduledMode}
            />
          </div>
        </FieldGroup>
        <FieldGroup legend="Affected services (the status page's components)">
          <div className={styles.checks}>
            <label className="checkbox-row">
              <input
                type="checkbox"
                checked={allServices}
                onChange={(event) => set('affectedServices', event.target.checked ? ['*'] : [])}
              />
              All
            </label>
            {PLATFORM_SERVICES.map((key) => (
              <label key={key} className="checkbox-row">
                <input
                  type="checkbox"
                  disabled={allServices}
                  checked={allServices || form.affectedServices.includes(key)}
                  onChange={(event) =>
                    set('affectedServices', toggled(form.affectedServices, key, event.target.checked))
                  }
                />
                {SERVICE_LABELS[key] ?? key}
              </label>
            ))}
          </div>
          {fields.affectedServices ? <span className="field-error">{fields.affectedServices}</span> : null}
        </FieldGroup>
        <FieldGroup legend="Who passes">
          <div className={styles.checks}>
            {ROLES.map((role) => (
              <label key={role} className="checkbox-row">
                <input
                  type="checkbox"
                  checked={form.bypassRoles.includes(role)}
                  onChange={(event) =>
                    set('bypassRoles', toggled<TRole>(form.bypassRoles, role, event.target.checked))
                  }
                />
                {ROLE_LABELS[role]}
              </label>
            ))}
          </div>
          <span className="field-hint">
            Signed-in users with a ticked role pass. This page and sign-in stay open whatever you tick.
          </span>
          <TextAreaField
            label="Bypass IPs"
            value={form.bypassIPs}
            placeholder={'10.0.0.0/8\n2001:db8::/32'}
            hint="One CIDR or address per line, IPv4 or IPv6."
            rows={3}
            onChange={(event) => set('bypassIPs', event.target.value)}
            error={fields.bypassIPs}
          />
        </FieldGroup>
        <div className="row">
          <span className="cell-secondary">
            {current.updatedBy === 'env'
              ? 'Never changed here: the starting value from MAINTENANCE_MODE'
              : `Last changed ${formatDateTime(current.updatedAt)} by ${current.updatedBy === 'schedule' ? 'the schedule' : current.updatedBy}`}
          </span>
          <span className="spacer" />
          <Button onClick={() => setForm(formOf(current, schedule))} disabled={save.isPending}>
            Reset
          </Button>
          <Button type="submit" variant="primary" loading={save.isPending}>
            Save maintenance mode
          </Button>
        </div>
      </form>
      <ConfirmDialog
        open={confirming}
        title={`Switch to ${MODE_LABELS[form.mode].toLowerCase()}?`}
        description={MODE_HINTS[form.mode]}
        confirmLabel={`Switch to ${MODE_LABELS[form.mode].toLowerCase()}`}
        pending={save.isPending}
        onConfirm={send}
        onClose={() => setConfirming(false)}
      />
    </Card>
  );
}
