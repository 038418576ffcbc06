'use client';

import Link from 'next/link';
import { type ReactNode, useEffect, useRef } from 'react';

type TokenMutation<T> = {
  mutate: (input: { token: string }) => void;
  data: T | undefined;
  error: { message: string } | null;
};

/**
 * Runs a link's token once, as soon as the page opens (the link reaching the mailbox is the proof), and shows
 * the outcome: what it did, or why not and what to do next.
 */
export function TokenLinkStatus<T>({
  token,
  mutation,
  done,
  failedHint,
  working,
}: {
  token: string;
  mutation: TokenMutation<T>;
  done: (data: T) => ReactNode;
  failedHint: string;
  working: string;
}) {
  const { mutate } = mutation;
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    mutate({ token });
  }, [token, mutate]);

  if (mutation.data !== undefined) {
    return (
      <div className="stack">
        <div className="alert alert-success" role="status">
          {done(mutation.data)}
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
  if (mutation.error) {
    return (
      <div className="stack">
        <div className="alert alert-error" role="alert">
          {mutation.error.message}
        </div>
        <p className="muted">{failedHint}</p>
        <Link href="/sign-in" className="btn btn-block">
          Back to sign in
        </Link>
      </div>
    );
  }
  return (
    <p className="muted" role="status">
      <span className="spinner" aria-hidden="true" /> {working}
    </p>
  );
}
