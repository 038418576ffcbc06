'use client';

import { ZProductId } from '@bytelyst/routers/modules/products/schema';
import { useState } from 'react';
import { SelectField, TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useFormValues } from '~/hooks/use-form-values';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import type { FieldErrors } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';

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
  const {
    values: form,
    setValues: setForm,
    set,
    fields,
    formError,
    check,
    fromApi,
    clear,
  } = useFormValues(EMPTY);
  const [idTouched, setIdTouched] = useState(false);

  const close = () => {
    clear();
    setIdTouched(false);
    onClose();
  };
  const create = trpc.products.create.useMutation(
    useMutationFeedback({
      success: (product) => `${product.name} was created.`,
      onDone: close,
      invalidate: (u) => [u.products.list.invalidate()],
      form: { fromApi },
      conflict: { id: 'A product with this ID already exists.' },
    }),
  );

  const submit = () => {
    const errors: FieldErrors = {};
    if (!form.name.trim()) errors.name = 'Enter a name.';
    const id = ZProductId.safeParse(form.id);
    if (!id.success) errors.id = id.error.issues[0]?.message ?? 'Invalid ID';
    if (!check(errors)) return;
    create.mutate({
      id: form.id,
      name: form.name.trim(),
      description: form.description.trim(),
      status: form.status,
    });
  };

  return (
    <FormDialog
      open={open}
      onClose={close}
      title="New product"
      description="Products start in draft unless you say otherwise."
      formError={formError}
      submitLabel="Create product"
      pending={create.isPending}
      onSubmit={submit}
    >
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
          set('id', event.target.value);
        }}
        error={fields.id}
        hint="Lowercase slug, e.g. lysnrai. Clients send it as x-product-id; it cannot change."
      />
      <TextField
        label="Description"
        value={form.description}
        onChange={(event) => set('description', event.target.value)}
        error={fields.description}
      />
      <SelectField
        label="Initial status"
        value={form.status}
        options={INITIAL_STATUSES}
        onChange={(event) => set('status', event.target.value as InitialStatus)}
        error={fields.status}
      />
    </FormDialog>
  );
}
