'use client';

import type { TStatusComponent } from '@bytelyst/routers/modules/status/schema';
import { SelectField, TextAreaField, TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useFormValues } from '~/hooks/use-form-values';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import type { FieldErrors } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';
import { ImpactPicker, type Impacts, impactsToInput } from './impact-picker';

const EMPTY: {
  title: string;
  status: 'investigating' | 'identified' | 'monitoring';
  message: string;
  impacts: Impacts;
} = {
  title: '',
  status: 'investigating',
  message: '',
  impacts: {},
};

type Props = { open: boolean; onClose: () => void; components: readonly TStatusComponent[] };

/** Opens an incident: its title, first public update and what it does to which component. */
export function IncidentDialog({ open, onClose, components }: Props) {
  const { values, set, fields, formError, check, fromApi, clear } = useFormValues(EMPTY);
  const close = () => {
    clear();
    onClose();
  };
  const create = trpc.status.incidents.create.useMutation(
    useMutationFeedback({
      success: (incident) =>
        `The incident “${incident.title}” is on the status page; subscribers are notified.`,
      onDone: close,
      invalidate: (u) => [u.status.invalidate()],
      form: { fromApi },
    }),
  );
  const submit = () => {
    const errors: FieldErrors = {};
    if (!values.title.trim()) errors.title = 'Give the incident a title';
    if (!values.message.trim()) errors.message = 'Say what is happening';
    if (!check(errors)) return;
    create.mutate({
      title: values.title.trim(),
      status: values.status,
      message: values.message.trim(),
      components: impactsToInput(values.impacts),
    });
  };
  return (
    <FormDialog
      open={open}
      onClose={close}
      title="New incident"
      description="Shown on the public status page at once, and mailed to its subscribers."
      formError={formError}
      submitLabel="Open incident"
      pending={create.isPending}
      onSubmit={submit}
    >
      <TextField
        label="Title"
        value={values.title}
        placeholder="Elevated API error rates"
        maxLength={200}
        onChange={(event) => set('title', event.target.value)}
        error={fields.title}
      />
      <SelectField
        label="Status"
        value={values.status}
        options={[
          { value: 'investigating', label: 'Investigating' },
          { value: 'identified', label: 'Identified' },
          { value: 'monitoring', label: 'Monitoring' },
        ]}
        onChange={(event) => set('status', event.target.value as typeof EMPTY.status)}
      />
      <TextAreaField
        label="Public message"
        value={values.message}
        rows={3}
        placeholder="We are investigating errors on the API."
        onChange={(event) => set('message', event.target.value)}
        error={fields.message}
      />
      <ImpactPicker
        components={components}
        value={values.impacts}
        onChange={(next) => set('impacts', next)}
      />
    </FormDialog>
  );
}
