'use client';

import { EMAIL_NOT_VERIFIED } from '@bytelyst/routers/modules/auth/recovery-schema';
import { ZEmail } from '@bytelyst/routers/modules/users/schema';
import Link from 'next/link';
import { type FormEvent, useState } from 'react';
import { CredentialFields } from '~/components/auth/credential-fields';
import { Button } from '~/components/kit/button';
import { FormError } from '~/components/kit/form-error';
import { useFormErrors } from '~/hooks/use-form-errors';
import type { FieldErrors } from '~/lib/api-errors';
import { passes } from '~/lib/schema-check';
import styles from './auth.module.css';
import { ResendVerification } from './resend-verification';

type SessionError = { message?: string; fields?: FieldErrors; reason?: string };

export function SignInForm({ next }: { next: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { fields, formError, setFields, setFormError, check } = useFormErrors();
  const [pending, setPending] = useState(false);
  /** The address whose sign-in was refused until it is verified: offer a new link for it. */
  const [unverified, setUnverified] = useState<string | null>(null);

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
    setUnverified(null);
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
      if (body.reason === EMAIL_NOT_VERIFIED) setUnverified(email.trim());
    } catch {
      setFormError('The console could not be reached. Check your connection.');
    }
    setPending(false);
  };

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <FormError message={formError} />
      {unverified ? <ResendVerification key={unverified} email={unverified} /> : null}
      <CredentialFields
        email={email}
        password={password}
        onEmail={setEmail}
        onPassword={setPassword}
        errors={fields}
      />
      <div className={styles.authLinks}>
        <Link href="/forgot-password">Forgot password?</Link>
      </div>
      <Button type="submit" variant="primary" className="btn-block" loading={pending}>
        Sign in
      </Button>
    </form>
  );
}
