'use client';

import type { TTokenRole } from '@bytelyst/routers/modules/tokens/schema';
import { type FormEvent, useState } from 'react';
import { errorMessage, type FieldErrors, fieldErrorsOf } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';
import { Button } from '../button';
import { Dialog } from '../dialog';
import { SelectField, TextField } from '../field';
import { useToast } from '../toast';
import { NewTokenReveal } from './new-token-reveal';

const EXPIRY_OPTIONS = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: '', label: 'Never' },
];
const EMPTY = { name: '', role: 'user' as TTokenRole, expiresInDays: '90' };

export function CreateTokenDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form, setForm] = useState(EMPTY);
  const [fields, setFields] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const utils = trpc.useUtils();
  const toast = useToast();

  const close = () => {
    setForm(EMPTY);
    setFields({});
    setFormError(null);
    setSecret(null);
    onClose();
  };
  const create = trpc.tokens.create.useMutation({
    onSuccess: async (result) => {
      setSecret(result.token);
      toast.success(`Token ${result.item.name} was created.`);
      await Promise.all([utils.tokens.list.invalidate(), utils.system.overview.invalidate()]);
    },
    onError: (error) => {
      setFields(fieldErrorsOf(error));
      setFormError(errorMessage(error));
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    if (!form.name.trim()) {
      setFields({ name: 'Enter a name, e.g. the service that uses it.' });
      return;
    }
    setFields({});
    const days = form.expiresInDays ? Number(form.expiresInDays) : undefined;
    create.mutate({ name: form.name.trim(), role: form.role, ...(days ? { expiresInDays: days } : {}) });
  };

  if (secret) {
    return (
      <Dialog open={open} onClose={close} title="Copy your new token">
        <NewTokenReveal token={secret} onDone={close} />
      </Dialog>
    );
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="New API token"
      description="Use it as a Bearer token from a server."
    >
      <form onSubmit={submit} noValidate>
        <div className="dialog-body">
          {formError ? (
            <div className="alert alert-error" role="alert">
              {formError}
            </div>
          ) : null}
          <TextField
            label="Token name"
            value={form.name}
            placeholder="billing-worker"
            onChange={(event) => setForm((current) => ({ ...current, name: event.target.value }))}
            error={fields.name}
          />
          <SelectField
            label="Token role"
            value={form.role}
            options={[
              { value: 'user', label: 'User' },
              { value: 'admin', label: 'Admin' },
            ]}
            onChange={(event) =>
              setForm((current) => ({ ...current, role: event.target.value as TTokenRole }))
            }
            error={fields.role}
          />
          <SelectField
            label="Expires after"
            value={form.expiresInDays}
            options={EXPIRY_OPTIONS}
            onChange={(event) => setForm((current) => ({ ...current, expiresInDays: event.target.value }))}
            error={fields.expiresInDays}
          />
        </div>
        <div className="dialog-footer">
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" loading={create.isPending}>
            Create token
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
