'use client';

import { ZSettingKey } from '@bytelyst/routers/modules/settings/schema';
import { type FormEvent, useState } from 'react';
import { Button } from '~/components/kit/button';
import { TextField } from '~/components/kit/field';
import { FormError } from '~/components/kit/form-error';
import { useToast } from '~/components/kit/toast';
import { useFormErrors } from '~/hooks/use-form-errors';
import type { FieldErrors } from '~/lib/api-errors';
import { passes } from '~/lib/schema-check';

/**
 * A change the user could make in their app (one of their settings), sent to the API with the shadow token,
 * so the view shows what the API answers: the refusal that keeps an impersonation read-only.
 */
export function TrySettingForm({ name }: { name: string }) {
  const [key, setKey] = useState('theme');
  const [value, setValue] = useState('dark');
  const [pending, setPending] = useState(false);
  const { fields, formError, setFormError, check } = useFormErrors();
  const toast = useToast();

  const validate = (): FieldErrors => {
    const errors: FieldErrors = {};
    if (!key.trim()) errors.key = 'Enter a setting name.';
    else if (!passes(ZSettingKey, key.trim())) errors.key = 'Letters, digits and _ . : - only.';
    return errors;
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!check(validate())) return;
    setPending(true);
    try {
      const response = await fetch('/api/impersonation/settings', {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ values: { [key.trim()]: value } }),
      });
      const body = (await response.json().catch(() => ({}))) as { message?: string };
      if (response.ok) toast.success(`Saved for ${name}.`);
      else setFormError(`The API refused it (${response.status}): ${body.message ?? 'no reason given'}`);
    } catch {
      setFormError('The console could not be reached. Check your connection.');
    }
    setPending(false);
  };

  return (
    <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
      <FormError message={formError} />
      <div className="filters">
        <TextField label="Setting" value={key} onChange={(e) => setKey(e.target.value)} error={fields.key} />
        <TextField label="Value" value={value} onChange={(e) => setValue(e.target.value)} />
        <Button type="submit" loading={pending}>
          Save as {name}
        </Button>
      </div>
    </form>
  );
}
