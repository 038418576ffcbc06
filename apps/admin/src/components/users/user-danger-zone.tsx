'use client';

import type { TUserDetail } from '@bytelyst/routers/modules/users/schema';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorMessage } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';
import { EraseUserTelemetryButton } from '../telemetry/erase-user-telemetry';
import { useUserMutations } from './use-user-mutations';
import styles from './users.module.css';

export function UserDangerZone({ user }: { user: TUserDetail }) {
  const [confirming, setConfirming] = useState(false);
  const mutations = useUserMutations();
  const router = useRouter();
  const remove = trpc.users.delete.useMutation(
    useMutationFeedback({
      success: `${user.email} was deleted.`,
      onDone: () => {
        setConfirming(false);
        router.push('/users');
      },
      invalidate: (u) => [u.users.list.invalidate(), u.system.getOverview.invalidate()],
      error: false,
    }),
  );
  const busy = mutations.pendingId === user.id;

  return (
    <Card
      titleId="danger-title"
      title="Access"
      className={styles.dangerZone}
      bodyClassName="stack"
      after={
        <ConfirmDialog
          open={confirming}
          title={`Delete ${user.email}?`}
          description="The account and all of its sessions are removed permanently. The audit log keeps its history."
          confirmLabel="Delete user"
          pending={remove.isPending}
          error={remove.error ? errorMessage(remove.error) : null}
          onConfirm={() => remove.mutate({ id: user.id })}
          onClose={() => {
            remove.reset();
            setConfirming(false);
          }}
        />
      }
    >
      <div className="row">
        <div className="spacer">
          <strong>{user.status === 'active' ? 'Disable this user' : 'Enable this user'}</strong>
          <p className="muted">
            {user.status === 'active'
              ? 'Signs them out everywhere and blocks sign-in until enabled again.'
              : 'Lets them sign in again with their password.'}
          </p>
        </div>
        {user.status === 'active' ? (
          <Button loading={busy} onClick={() => mutations.disable(user.id)}>
            Disable user
          </Button>
        ) : (
          <Button loading={busy} onClick={() => mutations.enable(user.id)}>
            Enable user
          </Button>
        )}
      </div>
      <div className="row">
        <div className="spacer">
          <strong>Erase their client telemetry</strong>
          <p className="muted">
            GDPR erasure: deletes every client event of this user and scrubs error clusters.
          </p>
        </div>
        <EraseUserTelemetryButton userId={user.id} />
      </div>
      <div className="row">
        <div className="spacer">
          <strong>Delete this user</strong>
          <p className="muted">Removes the account and its sessions. This cannot be undone.</p>
        </div>
        <Button variant="danger" onClick={() => setConfirming(true)}>
          Delete user
        </Button>
      </div>
    </Card>
  );
}
