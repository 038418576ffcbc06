'use client';

import { type TSecret, type TSecretScope, ZSecretName } from '@bytelyst/routers/modules/secrets/schema';
import { TextAreaField, TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useFormValues } from '~/hooks/use-form-values';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { endOfUtcDay } from '~/lib/format';
import { passes } from '~/lib/schema-check';
import { trpc } from '~/lib/trpc';
import { dayOf } from './secret-status';

const expiryOf = (day: string, errors: Record<string, string>) => {
  if (!day) return null;
  const at = endOfUtcDay(day);
  if (Date.parse(at) <= Date.now()) errors.expiresAt = 'Pick a day in the future.';
  return at;
};

/** A new secret with its first value; the value is never shown again but through a super_admin's reveal. */
export function CreateSecretDialog({ scope, onClose }: { scope: TSecretScope; onClose: () => void }) {
  const { values, set, fields, formError, check, fromApi } = useFormValues({
    name: '',
    description: '',
    secretValue: '',
    expiresOn: '',
  });
  const create = trpc.secrets.create.useMutation(
    useMutationFeedback({
      success: (secret) => `Secret ${secret.name} was created.`,
      onDone: onClose,
      invalidate: (u) => [u.secrets.list.invalidate()],
      form: { fromApi },
    }),
  );
  const submit = () => {
    const errors: Record<string, string> = {};
    const name = values.name.trim();
    if (!passes(ZSecretName, name))
      errors.name = 'Upper-case letters, digits and underscores, starting with a letter.';
    if (!values.secretValue) errors.secretValue = 'A value is required.';
    const expiresAt = expiryOf(values.expiresOn, errors);
    if (!check(errors)) return;
    create.mutate({
      name,
      scope,
      description: values.description.trim(),
      secretValue: values.secretValue,
      expiresAt,
    });
  };
  return (
    <FormDialog
      open
      onClose={onClose}
      title={scope === 'platform' ? 'New platform-wide secret' : 'New secret'}
      description="Stored encrypted. Nobody sees the value again but a super_admin who reveals it, with a reason."
      formError={formError}
      submitLabel="Create secret"
      pending={create.isPending}
      onSubmit={submit}
    >
      <TextField
        label="Name"
        value={values.name}
        placeholder="SENDGRID_API_KEY"
        autoComplete="off"
        onChange={(event) => set('name', event.target.value.toUpperCase())}
        error={fields.name}
      />
      <TextAreaField
        label="Value"
        value={values.secretValue}
        rows={3}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => set('secretValue', event.target.value)}
        error={fields.secretValue}
      />
      <TextField
        label="Description"
        value={values.description}
        maxLength={300}
        onChange={(event) => set('description', event.target.value)}
        error={fields.description}
      />
      <TextField
        label="Expires on"
        type="date"
        value={values.expiresOn}
        hint="Admins are mailed before it expires. Leave empty for none."
        onChange={(event) => set('expiresOn', event.target.value)}
        error={fields.expiresAt}
      />
    </FormDialog>
  );
}

/** A new value for a secret: it becomes the current version, earlier ones stay until disabled. */
export function NewVersionDialog({ secret, onClose }: { secret: TSecret; onClose: () => void }) {
  const { values, set, fields, formError, check, fromApi } = useFormValues({
    secretValue: '',
    expiresOn: dayOf(secret.expiresAt),
  });
  const createVersion = trpc.secrets.createVersion.useMutation(
    useMutationFeedback({
      success: (next) => `${next.name} is now at version ${next.currentVersion}.`,
      onDone: onClose,
      invalidate: (u) => [u.secrets.list.invalidate()],
      form: { fromApi },
    }),
  );
  const submit = () => {
    const errors: Record<string, string> = {};
    if (!values.secretValue) errors.secretValue = 'A value is required.';
    const expiresAt = expiryOf(values.expiresOn, errors);
    if (!check(errors)) return;
    createVersion.mutate({
      name: secret.name,
      scope: secret.scope,
      secretValue: values.secretValue,
      expiresAt,
    });
  };
  return (
    <FormDialog
      open
      onClose={onClose}
      title={`New version of ${secret.name}`}
      description={`Becomes version ${secret.currentVersion + 1}. Disable the old version once nothing uses it.`}
      formError={formError}
      submitLabel="Set new version"
      pending={createVersion.isPending}
      onSubmit={submit}
    >
      <TextAreaField
        label="New value"
        value={values.secretValue}
        rows={3}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => set('secretValue', event.target.value)}
        error={fields.secretValue}
      />
      <TextField
        label="Expires on"
        type="date"
        value={values.expiresOn}
        onChange={(event) => set('expiresOn', event.target.value)}
        error={fields.expiresAt}
      />
    </FormDialog>
  );
}
