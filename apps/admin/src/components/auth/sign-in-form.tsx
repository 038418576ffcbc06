'use client';

import { ZEmail } from '@bytelyst/routers/modules/users/schema';
import { type FormEvent, useState } from 'react';
import { Button } from '~/components/kit/button';
import { TextField } from '~/components/kit/field';
import { FormError } from '~/components/kit/form-error';
import { useFormErrors } from '~/hooks/use-form-errors';
import type { FieldErrors } from '~/lib/api-errors';
import { passes } from '~/lib/schema-check';

type SessionError = { message?: string; fields?: FieldErrors };

export function SignInForm({ next }: { next: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { fields, formError, setFields, setFormError, check } = useFormErrors();
  const [pending, setPending] = useState(false);

  const validate = (): FieldErrors => {
    const errors: FieldErrors = {};
    if (!email.trim()) errors.email = 'Enter your email.';
    else if (!passes(ZEmail, email)) errors.email = 'Enter a valid email address.';
    if (!password) errors.password = 'Enter your password.';
    return errors;
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!check(validate())) return;
    setPending(true);
    try {
      const response = await fetch('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: email.trim(), password }),
      });
      if (response.ok) {
        window.location.assign(next);
        return;
      }
      const body = (await response.json().catch(() => ({}))) as SessionError;
      setFields(body.fields ?? {});
      setFormError(body.message ?? 'Sign-in failed. Try again.');
    } catch {
      setFormError('The console could not be reached. Check your connection.');
    }
    setPending(false);
  };

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <FormError message={formError} />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        autoFocus
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={fields.email}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        error={fields.password}
      />
      <Button type="submit" variant="primary" className="btn-block" loading={pending}>
        Sign in
      </Button>
    </form>
  );
}
