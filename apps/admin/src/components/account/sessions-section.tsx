'use client';

import { usePlatform } from '@bytelyst/client/react';
import { useState } from 'react';
import { Badge } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { errorMessage } from '~/lib/api-errors';
import { formatDateTime, formatRelative } from '~/lib/format';
import styles from './account.module.css';
import { useAccountMutation, useAccountQuery } from './providers';
import { QueryBody } from './section';

type SessionRow = {
  browser: string | null;
  os: string | null;
  platform: string;
  licenseDevice: { deviceName: string | null } | null;
};
const deviceOf = (s: SessionRow) =>
  s.licenseDevice?.deviceName ??
  ([s.browser, s.os].filter(Boolean).join(' on ') || (s.platform === 'web' ? 'Web browser' : s.platform));

/** Where the account is signed in, with a sign-out for each and for all of them at once. */
export function SessionsSection() {
  const client = usePlatform();
  const sessions = useAccountQuery(['sessions'], (trpc) => trpc.sessions.listMine.query());
  const revoke = useAccountMutation(
    (trpc, id: string) => trpc.sessions.revokeMine.mutate({ id }),
    [['sessions']],
  );
  const others = useAccountMutation(
    (trpc) => trpc.sessions.revokeAllMine.mutate({ keepCurrent: true }),
    [['sessions']],
  );
  const everywhere = useAccountMutation(async (trpc) => {
    await trpc.sessions.revokeAllMine.mutate({});
    // This session ended with the others: forget its tokens here too.
    await client.signOut();
  });
  const [confirming, setConfirming] = useState(false);
  const failure = revoke.error ?? others.error;
  return (
    <Card
      titleId="sessions-title"
      title="Sessions and devices"
      subtitle="Sign out a session you do not recognise; its device has to sign in again."
      actions={
        <div className={styles.row}>
          <Button loading={others.isPending} onClick={() => others.mutate(undefined)}>
            Sign out other sessions
          </Button>
          <Button variant="danger" onClick={() => setConfirming(true)}>
            Sign out everywhere
          </Button>
        </div>
      }
      after={
        <ConfirmDialog
          open={confirming}
          title="Sign out everywhere?"
          description="Every session of this account ends, this one included. You will need to sign in again."
          confirmLabel="Sign out everywhere"
          pending={everywhere.isPending}
          error={everywhere.error ? errorMessage(everywhere.error) : null}
          onConfirm={() => everywhere.mutate(undefined)}
          onClose={() => setConfirming(false)}
        />
      }
    >
      {failure ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(failure)}
        </div>
      ) : null}
      <QueryBody
        query={sessions}
        label="your sessions"
        render={({ items }) => (
          <ul className={styles.list} aria-label="Your sessions">
            {items.map((s) => {
              const device = deviceOf(s);
              return (
                <li
                  key={s.id}
                  className={styles.item}
                  aria-label={`${device}${s.current ? ' (this device)' : ''}`}
                >
                  <span className="stack">
                    <span className={styles.row}>
                      <strong>{device}</strong>
                      {s.current ? <Badge tone="accent">This device</Badge> : null}
                    </span>
                    <span className="muted">
                      {s.ipAddress} · signed in {formatDateTime(s.createdAt)} · active{' '}
                      {formatRelative(s.lastActiveAt)}
                    </span>
                  </span>
                  {s.current ? null : (
                    <Button
                      size="sm"
                      loading={revoke.isPending && revoke.variables === s.id}
                      onClick={() => revoke.mutate(s.id)}
                      aria-label={`Sign out ${device}, signed in ${formatDateTime(s.createdAt)}`}
                    >
                      Sign out
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      />
    </Card>
  );
}
