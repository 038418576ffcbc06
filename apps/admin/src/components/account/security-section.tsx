'use client';

import { Card } from '~/components/kit/card';
import { EmailChangeForm, PasswordForm } from './profile-forms';
import { useAccountQuery } from './providers';
import { QueryBody } from './section';

/** The password and the address the account signs in with; both changes ask for the current password. */
export function SecuritySection() {
  const me = useAccountQuery(['me'], (trpc) => trpc.account.getMine.query());
  return (
    <>
      <Card
        titleId="password-title"
        title="Password"
        subtitle="Changing it signs out your other sessions; we email you that it changed."
      >
        <PasswordForm />
      </Card>
      <Card titleId="email-title" title="Email address">
        <QueryBody
          query={me}
          label="your address"
          render={(user) => <EmailChangeForm email={user.email} />}
        />
      </Card>
    </>
  );
}
