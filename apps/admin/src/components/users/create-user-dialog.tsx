'use client';

import { ZEmail, ZName, ZPassword } from '@bytelyst/routers/modules/users/schema';
import { type FormEvent, useState } from 'react';
import { errorCodeOf, errorMessage, type FieldErrors, fieldErrorsOf } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';
import { Button } from '../button';
import { Dialog } from '../dialog';
import { SelectField, TextField } from '../field';
import { useToast } from '../toast';
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
  const [form, setForm] = useState(EMPTY);
  const [fields, setFields] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const utils = trpc.useUtils();
  const toast = useToast();

  const close = () => {
    setForm(EMPTY);
    setFields({});
    setFormError(null);
    onClose();
  };

  const create = trpc.users.create.useMutation({
    onSuccess: async (user) => {
      toast.success(`${user.email} was created.`);
      close();
      await Promise.all([utils.users.list.invalidate(), utils.system.overview.invalidate()]);
    },
    onError: (error) => {
      if (errorCodeOf(error) === 'CONFLICT') {
        setFields({ email: 'A user with this email already exists.' });
        return;
      }
      setFields(fieldErrorsOf(error));
      setFormError(errorMessage(error));
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    const errors = validate(form);
    setFields(errors);
    if (Object.keys(errors).length > 0 || !isRole(form.role)) return;
    create.mutate({
      email: form.email.trim(),
      name: form.name.trim(),
      password: form.password,
      roles: [form.role],
    });
  };

  const set = (key: keyof typeof EMPTY) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [key]: event.target.value }));

  return (
    <Dialog open={open} onClose={close} title="New user" description="The user can sign in right away.">
      <form onSubmit={submit} noValidate>
        <div className="dialog-body">
          {formError ? (
            <div className="alert alert-error" role="alert">
              {formError}
            </div>
          ) : null}
          <TextField
            label="Email"
            type="email"
            autoComplete="off"
            value={form.email}
            onChange={set('email')}
            error={fields.email}
          />
          <TextField
            label="Name"
            autoComplete="off"
            value={form.name}
            onChange={set('name')}
            error={fields.name}
          />
          <TextField
            label="Password"
            type="password"
            autoComplete="new-password"
            value={form.password}
            onChange={set('password')}
            error={fields.password}
            hint="At least 10 characters."
          />
          <SelectField
            label="Role"
            value={form.role}
            options={ROLE_OPTIONS}
            onChange={set('role')}
            error={fields.role ?? fields.roles}
          />
        </div>
        <div className="dialog-footer">
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" loading={create.isPending}>
            Create user
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
