'use client';

import { usePlatform } from '@bytelyst/client/react';
import Link from 'next/link';
import { useState } from 'react';
import { Badge } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { errorMessage } from '~/lib/api-errors';
import { formatDate } from '~/lib/format';
import styles from './account.module.css';
import { NameForm } from './profile-forms';
import { useAccountQuery } from './providers';
import { Facts, QueryBody } from './section';

/** The address's state, with a new verification link on request while it is unverified. */
function Verification({ email, verified }: { email: string; verified: boolean }) {
  const client = usePlatform();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  if (verified) return <Badge tone="success">Verified</Badge>;
  const resend = async () => {
    setPending(true);
    try {
      const result = await client.trpc.auth.resendVerification.mutate({ email });
      setMessage({ ok: true, text: result.message });
    } catch (error) {
      setMessage({ ok: false, text: errorMessage(error) });
    }
    setPending(false);
  };
  return (
    <span className={styles.row}>
      <Badge tone="warning">Not verified</Badge>
      {message ? (
        <span role={message.ok ? 'status' : 'alert'}>{message.text}</span>
      ) : (
        <Button size="sm" loading={pending} onClick={() => void resend()}>
          Resend verification email
        </Button>
      )}
    </span>
  );
}

/** Who the account is: name, email and whether it is verified. */
export function ProfileSection() {
  const me = useAccountQuery(['me'], (trpc) => trpc.account.getMine.query());
  return (
    <Card titleId="profile-title" title="Profile">
      <QueryBody
        query={me}
        label="your profile"
        render={(user) => (
          <div className="stack">
            {user.deletionScheduledFor ? (
              <p className="alert alert-warning" role="status">
                Your account is scheduled for deletion on {formatDate(user.deletionScheduledFor)}.{' '}
                <Link href="/account/data">Cancel it</Link>
              </p>
            ) : null}
            <Facts
              className={styles.facts}
              items={[
                ['Name', user.name],
                ['Email', user.email],
                ['Email status', <Verification key="v" email={user.email} verified={user.emailVerified} />],
                ['Member since', formatDate(user.createdAt)],
              ]}
            />
            <NameForm name={user.name} />
          </div>
        )}
      />
    </Card>
  );
}
