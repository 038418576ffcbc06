'use client';

import { trpc } from '~/lib/trpc';
import { TokenLinkStatus } from './token-link-status';

/** Confirms the new address as soon as the page opens (the link reached the new mailbox: that is the proof). */
export function ConfirmEmailChangeStatus({ token }: { token: string }) {
  return (
    <TokenLinkStatus
      token={token}
      mutation={trpc.account.confirmEmailChange.useMutation()}
      done={(data) => `Your account now uses ${data.email}. Your previous address was told about the change.`}
      failedHint="Sign in and ask for the change again to get a new link."
      working="Confirming your new address…"
    />
  );
}
