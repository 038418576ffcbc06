'use client';

import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { trpc } from '~/lib/trpc';

/** Verifies the address as soon as the page opens (the link in the mail is the whole proof). */
export function VerifyEmailStatus({ token }: { token: string }) {
  const verify = trpc.auth.verifyEmail.useMutation();
  const { mutate } = verify;
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    mutate({ token });
  }, [token, mutate]);

  if (verify.data) {
    return (
      <div className="stack">
        <div className="alert alert-success" role="status">
          {verify.data.email} is verified. Thank you.
        </div>
        <Link href="/sign-in" className="btn btn-primary btn-block">
          Continue to sign in
        </Link>
        <Link href="/account" className="btn btn-block">
          Go to your account
        </Link>
      </div>
    );
  }
  if (verify.error) {
    return (
      <div className="stack">
        <div className="alert alert-error" role="alert">
          {verify.error.message}
        </div>
        <p className="muted">Sign in to have a new link sent, or ask an admin to send one.</p>
        <Link href="/sign-in" className="btn btn-block">
          Back to sign in
        </Link>
      </div>
    );
  }
  return (
    <p className="muted" role="status">
      <span className="spinner" aria-hidden="true" /> Verifying your address…
    </p>
  );
}
