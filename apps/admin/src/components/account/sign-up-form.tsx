'use client';

import { usePlatform, useSession } from '@bytelyst/client/react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type FormEvent, useEffect, useState } from 'react';
import { PasswordStrength } from '~/components/auth/password-strength';
import { Button } from '~/components/kit/button';
import { TextField } from '~/components/kit/field';
import { FormError } from '~/components/kit/form-error';
import { errorMessage } from '~/lib/api-errors';
import { fieldsOf } from './errors';
import { useProductName } from './portal-frame';

/** Creates an account in the product (auth.register) and takes its tokens as the portal's session. */
export function AccountSignUpForm() {
  const client = usePlatform();
  const session = useSession();
  const router = useRouter();
  const productName = useProductName();
  const [values, setValues] = useState({ name: '', email: '', password: '' });
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    if (session.status === 'signed_in') router.replace('/account');
  }, [session.status, router]);

  const set = (key: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: event.target.value }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      const result = await client.trpc.auth.register.mutate({
        name: values.name.trim(),
        email: values.email.trim(),
        password: values.password,
      });
      await client.acceptAuthResult(result);
    } catch (caught) {
      setError(caught);
      setPending(false);
    }
  };
  const fields = fieldsOf(error);
  return (
    <form
      className="form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label={`Create an account for ${productName}`}
    >
      <FormError message={error ? errorMessage(error) : null} />
      <TextField
        label="Name"
        name="name"
        autoComplete="name"
        value={values.name}
        onChange={set('name')}
        error={fields.name}
      />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        value={values.email}
        onChange={set('email')}
        error={fields.email}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        value={values.password}
        onChange={set('password')}
        error={fields.password}
      />
      <PasswordStrength password={values.password} />
      <Button type="submit" variant="primary" className="btn-block" loading={pending}>
        Create account
      </Button>
      <p>
        Have an account? <Link href="/account/sign-in">Sign in</Link>
      </p>
    </form>
  );
}
