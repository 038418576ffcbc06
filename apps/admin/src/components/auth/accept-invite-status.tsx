'use client';

import { Button } from '~/components/kit/button';
import { errorMessage } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';

const ROLE_WORDS = {
  owner: 'an owner',
  admin: 'an admin',
  member: 'a member',
  billing: 'its billing manager',
};

/**
 * Shows what the invitation offers, then accepts it on request: opening the link alone changes nothing (mail
 * scanners open links too). The account that uses the invited address joins.
 */
export function AcceptInviteStatus({ token }: { token: string }) {
  const invitation = trpc.orgs.invitations.validate.useQuery({ token }, { retry: false });
  const accept = trpc.orgs.invitations.accept.useMutation();

  if (accept.data) {
    return (
      <div className="alert alert-success" role="status">
        {accept.data.member.email} joined {accept.data.org.name} as {ROLE_WORDS[accept.data.member.role]}.
      </div>
    );
  }
  if (invitation.error) {
    return (
      <div className="alert alert-error" role="alert">
        {errorMessage(invitation.error)}
      </div>
    );
  }
  if (!invitation.data) {
    return (
      <p className="muted" role="status">
        <span className="spinner" aria-hidden="true" /> Reading your invitation…
      </p>
    );
  }
  const data = invitation.data;
  const unusable = {
    pending: null,
    expired: 'This invitation has expired: ask for a new one.',
    revoked: 'This invitation was revoked.',
    accepted: 'This invitation was already accepted.',
  }[data.status];
  return (
    <div className="stack">
      <p>
        {data.inviterName} invited <strong>{data.email}</strong> to join <strong>{data.orgName}</strong> as{' '}
        {ROLE_WORDS[data.role]}.
      </p>
      {unusable ? (
        <div className="alert alert-warning" role="alert">
          {unusable}
        </div>
      ) : (
        <>
          {accept.error ? (
            <div className="alert alert-error" role="alert">
              {errorMessage(accept.error)}
            </div>
          ) : null}
          <Button variant="primary" loading={accept.isPending} onClick={() => accept.mutate({ token })}>
            Accept invitation
          </Button>
        </>
      )}
    </div>
  );
}
