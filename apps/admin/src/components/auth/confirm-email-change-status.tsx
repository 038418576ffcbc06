'use client';

import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { trpc } from '~/lib/trpc';

/** Confirms the new address as soon as the page opens (the link reached the new mailbox: that is the proof). */
export function ConfirmEmailChangeStatus({ token }: { token: string }) {
  const confirm = trpc.account.confirmEmailChange.useMutation();
  const { mutate } = confirm;
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    mutate({ token });
  }, [token, mutate]);

  if (confirm.data) {
    return (
      <div className="stack">
        <div className="alert alert-success" role="status">
          Your account now uses {confirm.data.email}. Your previous address was told about the change.
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
  if (confirm.error) {
    return (
      <div className="stack">
        <div className="alert alert-error" role="alert">
          {confirm.error.message}
        </div>
        <p className="muted">Sign in and ask for the change again to get a new link.</p>
        <Link href="/sign-in" className="btn btn-block">
          Back to sign in
        </Link>
      </div>
    );
  }
  return (
    <p className="muted" role="status">
      <span className="spinner" aria-hidden="true" /> Confirming your new address…
    </p>
  );
}
