'use client';

import { ZComponentCreateInput } from '@bytelyst/routers/modules/status/schema';
import { TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useFormValues } from '~/hooks/use-form-values';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import type { FieldErrors } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';

const EMPTY = { id: '', name: '', description: '', group: '' };

/** Adds a component of the admin's own (a product's web app, a partner API) to the status page. */
export function ComponentDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { values, set, fields, formError, check, fromApi, clear } = useFormValues(EMPTY);
  const close = () => {
    clear();
    onClose();
  };
  const create = trpc.status.components.create.useMutation(
    useMutationFeedback({
      success: (c) => `${c.name} was added.`,
      onDone: close,
      invalidate: (u) => [u.status.components.invalidate()],
      form: { fromApi },
    }),
  );
  const submit = () => {
    const input = {
      id: values.id.trim(),
      name: values.name.trim(),
      description: values.description.trim(),
      group: values.group.trim() || null,
    };
    const parsed = ZComponentCreateInput.safeParse(input);
    const errors: FieldErrors = {};
    for (const issue of parsed.error?.issues ?? []) errors[String(issue.path[0])] = issue.message;
    if (!check(errors)) return;
    create.mutate(input);
  };
  return (
    <FormDialog
      open={open}
      onClose={close}
      title="New component"
      description="Something the public page shows a state and 90 days of uptime for."
      formError={formError}
      submitLabel="Add component"
      pending={create.isPending}
      onSubmit={submit}
    >
      <div className="grid grid-halves">
        <TextField
          label="Name"
          value={values.name}
          placeholder="Web app"
          maxLength={80}
          onChange={(event) => set('name', event.target.value)}
          error={fields.name}
        />
        <TextField
          label="Key"
          value={values.id}
          placeholder="web_app"
          spellCheck={false}
          hint="In URLs, badges and the maintenance switch."
          onChange={(event) => set('id', event.target.value.toLowerCase())}
          error={fields.id}
        />
      </div>
      <TextField
        label="Description"
        value={values.description}
        maxLength={500}
        onChange={(event) => set('description', event.target.value)}
        error={fields.description}
      />
      <TextField
        label="Group"
        value={values.group}
        placeholder="Platform"
        hint="Components of one group are shown together."
        onChange={(event) => set('group', event.target.value)}
        error={fields.group}
      />
    </FormDialog>
  );
}
