'use client';

import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { trpc } from '~/lib/trpc';

/** Moves the account to the new address as soon as the page opens (the mailed link is the proof). */
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
          Your account now uses {confirm.data.email}. Sign in with it from now on.
        </div>
        <Link href="/account" className="btn btn-primary btn-block">
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
        <p className="muted">The link works once, for 24 hours. Ask for a new one from your account.</p>
        <Link href="/account" className="btn btn-block">
          Go to your account
        </Link>
      </div>
    );
  }
  return (
    <p className="muted" role="status">
      Confirming your new address…
    </p>
  );
}
