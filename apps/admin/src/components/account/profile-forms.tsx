'use client';

import { type FormEvent, useState } from 'react';
import { PasswordStrength } from '~/components/auth/password-strength';
import { Button } from '~/components/kit/button';
import { TextField } from '~/components/kit/field';
import { FormError } from '~/components/kit/form-error';
import { errorMessage } from '~/lib/api-errors';
import { formatDateTime } from '~/lib/format';
import styles from './account.module.css';
import { fieldsOf } from './errors';
import { useAccountMutation } from './providers';

/** A form's top-level failure: only when no field shows it. */
const topError = (error: unknown) =>
  error && Object.keys(fieldsOf(error)).length === 0 ? errorMessage(error) : null;

export function NameForm({ name }: { name: string }) {
  const [value, setValue] = useState(name);
  const update = useAccountMutation(
    (trpc, next: string) => trpc.account.updateProfile.mutate({ name: next }),
    [['me']],
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    update.mutate(value.trim());
  };
  return (
    <form className={styles.form} onSubmit={submit} aria-label="Change your name" noValidate>
      <FormError message={topError(update.error)} />
      <TextField
        label="Name"
        autoComplete="name"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={fieldsOf(update.error).name}
      />
      <div className={styles.row}>
        <Button type="submit" loading={update.isPending} disabled={value.trim() === name}>
          Save name
        </Button>
        {update.isSuccess && !update.isPending ? <span role="status">Name saved.</span> : null}
      </div>
    </form>
  );
}

export function PasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const change = useAccountMutation(
    (trpc, input: { currentPassword: string; newPassword: string }) =>
      trpc.account.changePassword.mutate(input),
    [['sessions']],
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
        },
      },
    );
  };
  const fields = fieldsOf(change.error);
  return (
    <form className={styles.form} onSubmit={submit} aria-label="Change your password" noValidate>
      <FormError message={topError(change.error)} />
      {change.data ? (
        <p className="alert alert-success" role="status">
          Password changed.{' '}
          {change.data.revokedSessions > 0
            ? `${change.data.revokedSessions} other session${change.data.revokedSessions === 1 ? ' was' : 's were'} signed out.`
            : 'You had no other sessions.'}
        </p>
      ) : null}
      <TextField
        label="Current password"
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        error={fields.currentPassword}
      />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        value={next}
        onChange={(e) => setNext(e.target.value)}
        error={fields.newPassword}
      />
      <PasswordStrength password={next} />
      <div>
        <Button type="submit" variant="primary" loading={change.isPending}>
          Change password
        </Button>
      </div>
    </form>
  );
}

export function EmailChangeForm({ email }: { email: string }) {
  const [newEmail, setNewEmail] = useState('');
  const [password, setPassword] = useState('');
  const request = useAccountMutation((trpc, input: { newEmail: string; password: string }) =>
    trpc.account.requestEmailChange.mutate(input),
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    request.mutate({ newEmail: newEmail.trim(), password }, { onSuccess: () => setPassword('') });
  };
  const fields = fieldsOf(request.error);
  return (
    <form className={styles.form} onSubmit={submit} aria-label="Change your email address" noValidate>
      <p className="muted">
        Your address is <strong>{email}</strong>. A new address takes over once you follow the link we mail to
        it.
      </p>
      <FormError message={topError(request.error)} />
      {request.data ? (
        <p className="alert alert-success" role="status">
          We sent a confirmation link to {request.data.newEmail}. It works until{' '}
          {formatDateTime(request.data.expiresAt)}; until then you keep {email}.
        </p>
      ) : null}
      <TextField
        label="New email address"
        type="email"
        autoComplete="email"
        value={newEmail}
        onChange={(e) => setNewEmail(e.target.value)}
        error={fields.newEmail}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={fields.password}
        hint="Your current password, to confirm it is you"
      />
      <div>
        <Button type="submit" loading={request.isPending}>
          Send confirmation link
        </Button>
      </div>
    </form>
  );
}
