'use client';

import { type TUserDetail, ZEmail } from '@bytelyst/routers/modules/users/schema';
import { type FormEvent, useState } from 'react';
import { Badge } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { TextField } from '~/components/kit/field';
import { useFormErrors } from '~/hooks/use-form-errors';
import { type TrpcUtils, useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { passes } from '~/lib/schema-check';
import { trpc } from '~/lib/trpc';

export function EmailVerifiedBadge({ verified }: { verified: boolean }) {
  return verified ? <Badge tone="success">Verified</Badge> : <Badge tone="warning">Unverified</Badge>;
}

const invalidate = (u: TrpcUtils) => [u.users.get.invalidate(), u.users.list.invalidate()];

/**
 * The user's address and whether they proved it: admins resend the link, vouch for the address, or move the
 * user to another address (unverified until its owner follows the link mailed there). Every action is audited.
 */
export function UserEmailVerification({ user }: { user: TUserDetail }) {
  const [email, setEmail] = useState('');
  const { fields, check, fromApi, reset } = useFormErrors();
  const resend = trpc.users.resendVerification.useMutation(
    useMutationFeedback({ success: (sent) => `A verification link was mailed to ${sent.email}.` }),
  );
  const markVerified = trpc.users.verifyEmail.useMutation(
    useMutationFeedback({ success: (saved) => `${saved.email} is marked verified.`, invalidate }),
  );
  const setAddress = trpc.users.setEmail.useMutation(
    useMutationFeedback({
      success: (saved) => `The address is now ${saved.email}; a verification link was mailed to it.`,
      onDone: () => {
        setEmail('');
        reset();
      },
      invalidate,
      form: { fromApi },
      conflict: { email: 'Another user of this product has this address.' },
    }),
  );

  const change = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = email.trim();
    if (!check(passes(ZEmail, next) ? {} : { email: 'Enter a valid email address.' })) return;
    setAddress.mutate({ id: user.id, email: next });
  };

  return (
    <Card
      titleId="email-title"
      title="Email address"
      subtitle={
        <span className="row">
          {user.email} <EmailVerifiedBadge verified={user.emailVerified} />
        </span>
      }
      bodyClassName="stack"
    >
      {user.emailVerified ? (
        <p className="muted">The user followed the verification link, or an admin vouched for the address.</p>
      ) : (
        <div className="row">
          <p className="muted spacer">
            The user has not followed the link mailed to this address yet. Where the product requires it, they
            cannot sign in until they do.
          </p>
          <div className="btn-group">
            <Button loading={resend.isPending} onClick={() => resend.mutate({ id: user.id })}>
              Resend verification email
            </Button>
            <Button loading={markVerified.isPending} onClick={() => markVerified.mutate({ id: user.id })}>
              Mark verified
            </Button>
          </div>
        </div>
      )}
      <form className="row" onSubmit={change} noValidate>
        <TextField
          className="spacer"
          label="Change address"
          type="email"
          autoComplete="off"
          placeholder="new-address@example.com"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={fields.email}
          hint="The new address starts unverified; a link is mailed to it."
        />
        <Button type="submit" loading={setAddress.isPending}>
          Change email
        </Button>
      </form>
    </Card>
  );
}
