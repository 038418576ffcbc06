'use client';

import { ZEmail } from '@bytelyst/routers/modules/users/schema';
import { type FormEvent, useState } from 'react';
import { Button } from '~/components/kit/button';
import { TextField } from '~/components/kit/field';
import { FormError } from '~/components/kit/form-error';
import { useFormErrors } from '~/hooks/use-form-errors';
import { passes } from '~/lib/schema-check';
import { trpc } from '~/lib/trpc';

/** Asks for a reset link; the answer is the same whether or not the address has an account. */
export function ForgotPasswordForm({ initialEmail }: { initialEmail: string }) {
  const [email, setEmail] = useState(initialEmail);
  const { fields, formError, check, fromApi } = useFormErrors();
  const request = trpc.auth.requestPasswordReset.useMutation({ onError: (error) => fromApi(error) });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const address = email.trim();
    if (!check(passes(ZEmail, address) ? {} : { email: 'Enter a valid email address.' })) return;
    request.mutate({ email: address });
  };

  if (request.data) {
    return (
      <div className="stack">
        <div className="alert alert-success" role="status">
          {request.data.message} It works once, for an hour.
        </div>
        <p className="muted">Nothing after a few minutes? Check the spam folder, or ask again.</p>
      </div>
    );
  }
  return (
    <form className="form" onSubmit={submit} noValidate>
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
      <Button type="submit" variant="primary" className="btn-block" loading={request.isPending}>
        Send reset link
      </Button>
    </form>
  );
}
