'use client';

import { Button } from '~/components/kit/button';
import { errorMessage } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';

/** Offered when a sign-in was refused because the address is not verified yet (`reason: email_not_verified`). */
export function ResendVerification({ email }: { email: string }) {
  const resend = trpc.auth.resendVerification.useMutation();
  if (resend.data) {
    return (
      <div className="alert alert-success" role="status">
        {resend.data.message}
      </div>
    );
  }
  return (
    <div className="stack">
      {resend.error ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(resend.error)}
        </div>
      ) : null}
      <Button className="btn-block" loading={resend.isPending} onClick={() => resend.mutate({ email })}>
        Resend verification email
      </Button>
    </div>
  );
}
