'use client';

import type { TStatusComponent } from '@bytelyst/routers/modules/status/schema';
import { TextAreaField, TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useFormValues } from '~/hooks/use-form-values';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import type { FieldErrors } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';
import styles from './status-admin.module.css';

/** `2026-03-20T02:00` in the browser's zone -> ISO, or null when the input is empty or incomplete. */
const isoOf = (local: string): string | null => {
  if (!local) return null;
  const ms = Date.parse(local);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
};

/** A `datetime-local` value `minutes` from now. */
const localIn = (minutes: number) => {
  const date = new Date(Date.now() + minutes * 60_000);
  date.setSeconds(0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

type Props = { open: boolean; onClose: () => void; components: readonly TStatusComponent[] };

/** Schedules a window; the job runner starts it at its start and completes it at its end. */
export function MaintenanceDialog({ open, onClose, components }: Props) {
  const empty = { title: '', message: '', start: localIn(60), end: localIn(120), components: [] as string[] };
  const { values, set, fields, formError, check, fromApi, clear } = useFormValues(empty);
  const close = () => {
    clear();
    onClose();
  };
  const create = trpc.status.maintenance.create.useMutation(
    useMutationFeedback({
      success: (w) => `“${w.title}” is scheduled; subscribers are notified.`,
      onDone: close,
      invalidate: (u) => [u.status.invalidate()],
      form: { fromApi },
    }),
  );
  const submit = () => {
    const scheduledStart = isoOf(values.start);
    const scheduledEnd = isoOf(values.end);
    const errors: FieldErrors = {};
    if (!values.title.trim()) errors.title = 'Give the window a title';
    if (!values.message.trim()) errors.message = 'Say what happens and what users will notice';
    if (!scheduledStart) errors.scheduledStart = 'Pick a start';
    if (!scheduledEnd) errors.scheduledEnd = 'Pick an end';
    else if (scheduledStart && scheduledEnd <= scheduledStart) errors.scheduledEnd = 'Ends after it starts';
    if (!check(errors) || !scheduledStart || !scheduledEnd) return;
    create.mutate({
      title: values.title.trim(),
      message: values.message.trim(),
      components: values.components,
      scheduledStart,
      scheduledEnd,
    });
  };
  const toggle = (id: string, on: boolean) =>
    set('components', on ? [...values.components, id] : values.components.filter((c) => c !== id));
  return (
    <FormDialog
      open={open}
      onClose={close}
      title="Schedule maintenance"
      description="Shown as upcoming on the public page; its components are under maintenance while it runs and left out of uptime."
      formError={formError}
      submitLabel="Schedule"
      pending={create.isPending}
      onSubmit={submit}
    >
      <TextField
        label="Title"
        value={values.title}
        placeholder="Database upgrade"
        maxLength={200}
        onChange={(event) => set('title', event.target.value)}
        error={fields.title}
      />
      <TextAreaField
        label="Public message"
        value={values.message}
        rows={3}
        onChange={(event) => set('message', event.target.value)}
        error={fields.message}
      />
      <div className="grid grid-halves">
        <TextField
          label="Starts"
          type="datetime-local"
          value={values.start}
          onChange={(event) => set('start', event.target.value)}
          error={fields.scheduledStart}
        />
        <TextField
          label="Ends"
          type="datetime-local"
          value={values.end}
          onChange={(event) => set('end', event.target.value)}
          error={fields.scheduledEnd}
        />
      </div>
      <fieldset className="field-group">
        <legend className="field-group-legend">Components under maintenance</legend>
        <div className={styles.checkboxes}>
          {components.map((component) => (
            <label key={component.id} className="checkbox-row">
              <input
                type="checkbox"
                checked={values.components.includes(component.id)}
                onChange={(event) => toggle(component.id, event.target.checked)}
              />
              {component.name}
            </label>
          ))}
        </div>
      </fieldset>
    </FormDialog>
  );
}
