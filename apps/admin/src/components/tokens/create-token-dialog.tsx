'use client';

import type { TTokenRole } from '@bytelyst/routers/modules/tokens/schema';
import { useState } from 'react';
import { Dialog } from '~/components/kit/dialog';
import { SelectField, TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { SecretReveal } from '~/components/kit/secret-reveal';
import { useFormValues } from '~/hooks/use-form-values';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { trpc } from '~/lib/trpc';

const EXPIRY_OPTIONS = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: '', label: 'Never' },
];
const EMPTY = { name: '', role: 'user' as TTokenRole, expiresInDays: '90' };

export function CreateTokenDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { values: form, set, fields, formError, check, fromApi, clear } = useFormValues(EMPTY);
  const [secret, setSecret] = useState<string | null>(null);

  const close = () => {
    clear();
    setSecret(null);
    onClose();
  };
  const create = trpc.tokens.create.useMutation(
    useMutationFeedback({
      success: (result) => `Token ${result.item.name} was created.`,
      onDone: (result) => setSecret(result.token),
      invalidate: (u) => [u.tokens.list.invalidate(), u.system.getOverview.invalidate()],
      form: { fromApi },
    }),
  );

  const submit = () => {
    if (!check(form.name.trim() ? {} : { name: 'Enter a name, e.g. the service that uses it.' })) return;
    const days = form.expiresInDays ? Number(form.expiresInDays) : undefined;
    create.mutate({ name: form.name.trim(), role: form.role, ...(days ? { expiresInDays: days } : {}) });
  };

  if (secret) {
    return (
      <Dialog open={open} onClose={close} title="Copy your new token">
        <SecretReveal
          secret={secret}
          label="New API token:"
          warning="This is the only time the token is shown. Store it in your secret manager now; it cannot be retrieved later."
          doneLabel="I have stored it"
          testId="new-token"
          onDone={close}
        />
      </Dialog>
    );
  }

  return (
    <FormDialog
      open={open}
      onClose={close}
      title="New API token"
      description="Use it as a Bearer token from a server."
      formError={formError}
      submitLabel="Create token"
      pending={create.isPending}
      onSubmit={submit}
    >
      <TextField
        label="Token name"
        value={form.name}
        placeholder="billing-worker"
        onChange={(event) => set('name', event.target.value)}
        error={fields.name}
      />
      <SelectField
        label="Token role"
        value={form.role}
        options={[
          { value: 'user', label: 'User' },
          { value: 'admin', label: 'Admin' },
        ]}
        onChange={(event) => set('role', event.target.value as TTokenRole)}
        error={fields.role}
      />
      <SelectField
        label="Expires after"
        value={form.expiresInDays}
        options={EXPIRY_OPTIONS}
        onChange={(event) => set('expiresInDays', event.target.value)}
        error={fields.expiresInDays}
      />
    </FormDialog>
  );
}
