'use client';

import { PASSWORD_MIN_LENGTH, ZPassword } from '@bytelyst/routers/modules/users/schema';
import Link from 'next/link';
import { type FormEvent, useState } from 'react';
import { Button } from '~/components/kit/button';
import { TextField } from '~/components/kit/field';
import { FormError } from '~/components/kit/form-error';
import { useFormErrors } from '~/hooks/use-form-errors';
import { fieldErrorsOf } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';
import styles from './auth.module.css';
import { PasswordStrength } from './password-strength';

/** Sets a new password with the token of a reset link; a dead link sends the visitor to ask for a new one. */
export function ResetPasswordForm({ token }: { token: string }) {
  const [password, setPassword] = useState('');
  const [shown, setShown] = useState(false);
  const { fields, formError, check, fromApi, setFields, reset: clearErrors } = useFormErrors();
  const reset = trpc.auth.resetPassword.useMutation({
    onError: (error) => {
      // The policy's refusal belongs to the field; anything else (a dead link) to the form.
      const refused = fieldErrorsOf(error);
      if (refused.newPassword) setFields(refused);
      else fromApi(error);
    },
  });
  const deadLink = reset.error ? fieldErrorsOf(reset.error).token !== undefined : false;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = ZPassword.safeParse(password);
    if (!check(result.success ? {} : { newPassword: result.error.issues[0]?.message ?? 'Invalid' })) return;
    reset.mutate({ token, newPassword: password });
  };

  if (reset.data) {
    return (
      <div className="stack">
        <div className="alert alert-success" role="status">
          Your password was changed. Every device that was signed in has been signed out.
        </div>
        <Link href="/sign-in" className="btn btn-primary btn-block">
          Sign in
        </Link>
      </div>
    );
  }
  if (deadLink) {
    return (
      <div className="stack">
        <FormError message={formError} />
        <Link href="/forgot-password" className="btn btn-primary btn-block">
          Ask for a new link
        </Link>
      </div>
    );
  }
  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormError message={formError} />
      <div>
        <TextField
          label="New password"
          name="newPassword"
          type={shown ? 'text' : 'password'}
          autoComplete="new-password"
          autoFocus
          value={password}
          onChange={(event) => {
            setPassword(event.target.value);
            clearErrors();
          }}
          error={fields.newPassword}
          hint={`At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a strong one.`}
        />
        <PasswordStrength password={password} />
      </div>
      <label className="checkbox-row">
        <input type="checkbox" checked={shown} onChange={(event) => setShown(event.target.checked)} />
        Show password
      </label>
      <Button type="submit" variant="primary" className="btn-block" loading={reset.isPending}>
        Set new password
      </Button>
      <p className={styles.authFootnote}>
        Every device signed in to your account will be signed out.{' '}
        <Link href="/sign-in">Back to sign in</Link>
      </p>
    </form>
  );
}
