'use client';

import { usePlatform, useSession, useSignIn } from '@bytelyst/client/react';
import { EMAIL_NOT_VERIFIED } from '@bytelyst/routers/modules/auth/recovery-schema';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { type FormEvent, useEffect, useState } from 'react';
import { CredentialFields } from '~/components/auth/credential-fields';
import { Button } from '~/components/kit/button';
import { FormError } from '~/components/kit/form-error';
import { errorMessage } from '~/lib/api-errors';
import { accountNext, fieldsOf } from './errors';
import { useProductName } from './portal-frame';

/** Offered when the product lets no unverified address in: a new link to the address just tried. */
function ResendLink({ email }: { email: string }) {
  const client = usePlatform();
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const resend = async () => {
    setPending(true);
    try {
      setMessage((await client.trpc.auth.resendVerification.mutate({ email })).message);
    } catch (error) {
      setMessage(errorMessage(error));
    }
    setPending(false);
  };
  if (message) return <p role="status">{message}</p>;
  return (
    <Button loading={pending} onClick={() => void resend()}>
      Resend verification email
    </Button>
  );
}

/** The portal's sign-in: email and password through the client package's useSignIn. */
export function AccountSignInForm() {
  const session = useSession();
  const { signIn, pending, error } = useSignIn();
  const router = useRouter();
  const next = accountNext(useSearchParams().get('next'));
  const productName = useProductName();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  useEffect(() => {
    if (session.status === 'signed_in') router.replace(next);
  }, [session.status, router, next]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    signIn({ email: email.trim(), password }).catch(() => undefined);
  };
  const fields = fieldsOf(error);
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={`Sign in to ${productName}`}>
      <FormError message={error ? errorMessage(error) : null} />
      {error?.reason === EMAIL_NOT_VERIFIED ? <ResendLink key={email} email={email.trim()} /> : null}
      <CredentialFields
        email={email}
        password={password}
        onEmail={setEmail}
        onPassword={setPassword}
        errors={fields}
      />
      <Button type="submit" variant="primary" className="btn-block" loading={pending}>
        Sign in
      </Button>
      <p>
        New here? <Link href="/account/sign-up">Create an account</Link> ·{' '}
        <Link href="/forgot-password">Forgot password?</Link>
      </p>
    </form>
  );
}
