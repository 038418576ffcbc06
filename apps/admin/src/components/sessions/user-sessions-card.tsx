'use client';

import { describeClient, type TSessionView } from '@bytelyst/routers/modules/sessions/schema';
import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { tableStateOf } from '~/components/kit/data-table';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { useNow } from '~/hooks/use-now';
import { errorMessage } from '~/lib/api-errors';
import { formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { SessionsTable } from './sessions-table';

/** For the user detail page: the user's sessions (live, then recently ended) with force sign-out. */
export function UserSessionsCard({ userId }: { userId: string }) {
  const now = useNow();
  const [target, setTarget] = useState<TSessionView | 'all' | null>(null);
  const list = trpc.sessions.listByUser.useQuery({ userId });
  const active = list.data?.items.filter((s) => s.status === 'active') ?? [];
  const close = () => setTarget(null);
  const invalidate = (u: ReturnType<typeof trpc.useUtils>) => [
    u.sessions.listByUser.invalidate({ userId }),
    u.users.get.invalidate({ id: userId }),
  ];
  const revokeOne = trpc.sessions.revoke.useMutation(
    useMutationFeedback({ success: 'The session was signed out.', onDone: close, invalidate, error: false }),
  );
  const revokeAll = trpc.sessions.revokeAll.useMutation(
    useMutationFeedback({
      success: (data) => `${data.revoked} session${data.revoked === 1 ? '' : 's'} signed out.`,
      onDone: close,
      invalidate,
      error: false,
    }),
  );
  const pending = revokeOne.isPending || revokeAll.isPending;
  const failed = revokeOne.error ?? revokeAll.error;

  return (
    <Card
      titleId="user-sessions-title"
      title="Sessions"
      subtitle={
        list.data
          ? `${active.length} signed in; ended sessions stay listed for about a week`
          : 'Where this user is signed in'
      }
      bodyClassName="card-body-flush"
      actions={
        <Button size="sm" variant="danger" disabled={active.length === 0} onClick={() => setTarget('all')}>
          Sign out everywhere
        </Button>
      }
    >
      <SessionsTable
        sessions={list.data?.items ?? []}
        {...tableStateOf(list)}
        now={now}
        mark="status"
        canRevoke={(s) => s.status === 'active'}
        onRevoke={setTarget}
        emptyTitle="No sessions"
        emptyHint="The user has not signed in recently."
      >
        <ConfirmDialog
          open={target !== null}
          title={target === 'all' ? 'Sign this user out everywhere?' : 'Sign this session out?'}
          description={
            target === 'all'
              ? `All ${active.length} sessions end. Their apps stop working until the user signs in again; other API instances refuse them within the session cache window (30 s by default).`
              : target
                ? `${describeClient(target)} from ${target.ipAddress}, signed in ${formatDateTime(target.createdAt)}, ends. The user can sign in again.`
                : ''
          }
          confirmLabel={target === 'all' ? 'Sign out everywhere' : 'Sign out session'}
          pending={pending}
          error={failed ? errorMessage(failed) : null}
          onConfirm={() => {
            if (target === 'all') revokeAll.mutate({ userId });
            else if (target) revokeOne.mutate({ userId, sessionId: target.id });
          }}
          onClose={() => {
            revokeOne.reset();
            revokeAll.reset();
            close();
          }}
        />
      </SessionsTable>
    </Card>
  );
}
