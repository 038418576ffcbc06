'use client';

import { trpc } from '~/lib/trpc';
import { TokenLinkStatus } from './token-link-status';

/** Verifies the address as soon as the page opens (the link in the mail is the whole proof). */
export function VerifyEmailStatus({ token }: { token: string }) {
  return (
    <TokenLinkStatus
      token={token}
      mutation={trpc.auth.verifyEmail.useMutation()}
      done={(data) => `${data.email} is verified. Thank you.`}
      failedHint="Sign in to have a new link sent, or ask an admin to send one."
      working="Verifying your address…"
    />
  );
}
