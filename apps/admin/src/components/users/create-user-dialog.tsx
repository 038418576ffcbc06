'use client';

import { PASSWORD_MIN_LENGTH, ZEmail, ZName, ZPassword } from '@bytelyst/routers/modules/users/schema';
import { SelectField, TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useFormValues } from '~/hooks/use-form-values';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import type { FieldErrors } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';
import { isRole, ROLE_OPTIONS } from './roles';

const EMPTY = { email: '', name: '', password: '', role: 'user' };

function validate(form: typeof EMPTY): FieldErrors {
  const errors: FieldErrors = {};
  const checks = { email: ZEmail, name: ZName, password: ZPassword } as const;
  for (const [key, schema] of Object.entries(checks)) {
    const result = schema.safeParse(form[key as keyof typeof checks]);
    if (!result.success) errors[key] = result.error.issues[0]?.message ?? 'Invalid value';
  }
  if (!form.email.trim()) errors.email = 'Enter an email address.';
  else if (errors.email) errors.email = 'Enter a valid email address.';
  if (!form.name.trim()) errors.name = 'Enter a name.';
  if (!isRole(form.role)) errors.role = 'Choose a role.';
  return errors;
}

export function CreateUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { values: form, set, fields, formError, check, fromApi, clear } = useFormValues(EMPTY);

  const close = () => {
    clear();
    onClose();
  };

  const create = trpc.users.create.useMutation(
    useMutationFeedback({
      success: (user) => `${user.email} was created.`,
      onDone: close,
      invalidate: (u) => [u.users.list.invalidate(), u.system.getOverview.invalidate()],
      form: { fromApi },
      conflict: { email: 'A user with this email already exists.' },
    }),
  );

  const submit = () => {
    if (!check(validate(form)) || !isRole(form.role)) return;
    create.mutate({
      email: form.email.trim(),
      name: form.name.trim(),
      password: form.password,
      roles: [form.role],
    });
  };

  const bind = (key: keyof typeof EMPTY) => (event: { target: { value: string } }) =>
    set(key, event.target.value);

  return (
    <FormDialog
      open={open}
      onClose={close}
      title="New user"
      description="The user can sign in right away."
      formError={formError}
      submitLabel="Create user"
      pending={create.isPending}
      onSubmit={submit}
    >
      <TextField
        label="Email"
        type="email"
        autoComplete="off"
        value={form.email}
        onChange={bind('email')}
        error={fields.email}
      />
      <TextField
        label="Name"
        autoComplete="off"
        value={form.name}
        onChange={bind('name')}
        error={fields.name}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        value={form.password}
        onChange={bind('password')}
        error={fields.password}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters; not the email, not a common password.`}
      />
      <SelectField
        label="Role"
        value={form.role}
        options={ROLE_OPTIONS}
        onChange={bind('role')}
        error={fields.role ?? fields.roles}
      />
    </FormDialog>
  );
}
