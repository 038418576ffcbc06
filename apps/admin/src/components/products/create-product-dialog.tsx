'use client';

import { ZProductId } from '@bytelyst/routers/modules/products/schema';
import { type FormEvent, useState } from 'react';
import { errorCodeOf, errorMessage, type FieldErrors, fieldErrorsOf } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';
import { Button } from '../button';
import { Dialog } from '../dialog';
import { SelectField, TextField } from '../field';
import { useToast } from '../toast';

const INITIAL_STATUSES = [
  { value: 'draft', label: 'Draft' },
  { value: 'pre_launch', label: 'Pre-launch' },
  { value: 'beta', label: 'Beta' },
  { value: 'active', label: 'Active' },
] as const;
type InitialStatus = (typeof INITIAL_STATUSES)[number]['value'];

const EMPTY = { id: '', name: '', description: '', status: 'draft' as InitialStatus };
const slugify = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32);

export function CreateProductDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form, setForm] = useState(EMPTY);
  const [idTouched, setIdTouched] = useState(false);
  const [fields, setFields] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const utils = trpc.useUtils();
  const toast = useToast();

  const close = () => {
    setForm(EMPTY);
    setIdTouched(false);
    setFields({});
    setFormError(null);
    onClose();
  };
  const create = trpc.products.create.useMutation({
    onSuccess: async (product) => {
      toast.success(`${product.name} was created.`);
      close();
      await utils.products.list.invalidate();
    },
    onError: (error) => {
      if (errorCodeOf(error) === 'CONFLICT') {
        setFields({ id: 'A product with this ID already exists.' });
        return;
      }
      setFields(fieldErrorsOf(error));
      setFormError(errorMessage(error));
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    const errors: FieldErrors = {};
    if (!form.name.trim()) errors.name = 'Enter a name.';
    const id = ZProductId.safeParse(form.id);
    if (!id.success) errors.id = id.error.issues[0]?.message ?? 'Invalid ID';
    setFields(errors);
    if (Object.keys(errors).length > 0) return;
    create.mutate({
      id: form.id,
      name: form.name.trim(),
      description: form.description.trim(),
      status: form.status,
    });
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      title="New product"
      description="Products start in draft unless you say otherwise."
    >
      <form onSubmit={submit} noValidate>
        <div className="dialog-body">
          {formError ? (
            <div className="alert alert-error" role="alert">
              {formError}
            </div>
          ) : null}
          <TextField
            label="Name"
            value={form.name}
            onChange={(event) => {
              const name = event.target.value;
              setForm((current) => ({ ...current, name, id: idTouched ? current.id : slugify(name) }));
            }}
            error={fields.name}
          />
          <TextField
            label="Product ID"
            value={form.id}
            onChange={(event) => {
              setIdTouched(true);
              setForm((current) => ({ ...current, id: event.target.value }));
            }}
            error={fields.id}
            hint="Lowercase slug, e.g. lysnrai. Clients send it as x-product-id; it cannot change."
          />
          <TextField
            label="Description"
            value={form.description}
            onChange={(event) => setForm((current) => ({ ...current, description: event.target.value }))}
            error={fields.description}
          />
          <SelectField
            label="Initial status"
            value={form.status}
            options={INITIAL_STATUSES}
            onChange={(event) =>
              setForm((current) => ({ ...current, status: event.target.value as InitialStatus }))
            }
            error={fields.status}
          />
        </div>
        <div className="dialog-footer">
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" loading={create.isPending}>
            Create product
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
