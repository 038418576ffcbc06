'use client';

import { describeClient, type TSessionView } from '@bytelyst/routers/modules/sessions/schema';
import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { tableStateOf } from '~/components/kit/data-table';
import { PageHeader } from '~/components/kit/page-header';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { useNow } from '~/hooks/use-now';
import { errorMessage } from '~/lib/api-errors';
import { formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { SessionsTable } from './sessions-table';

/** The signed-in admin's own sessions: this one marked; the others can be signed out, one or all. */
export function MySessionsView() {
  const now = useNow();
  const [target, setTarget] = useState<TSessionView | 'others' | null>(null);
  const list = trpc.sessions.listMine.useQuery();
  const others = list.data?.items.filter((s) => !s.current) ?? [];
  const close = () => setTarget(null);
  const revokeOne = trpc.sessions.revokeMine.useMutation(
    useMutationFeedback({
      success: 'The session was signed out.',
      onDone: close,
      invalidate: (u) => [u.sessions.listMine.invalidate()],
      error: false,
    }),
  );
  const revokeOthers = trpc.sessions.revokeAllMine.useMutation(
    useMutationFeedback({
      success: (data) => `Signed out of ${data.revoked} other session${data.revoked === 1 ? '' : 's'}.`,
      onDone: close,
      invalidate: (u) => [u.sessions.listMine.invalidate()],
      error: false,
    }),
  );
  const failed = revokeOne.error ?? revokeOthers.error;

  return (
    <>
      <PageHeader
        title="My sessions"
        description="Everywhere your account is signed in. Sign out any session you do not recognise."
        actions={
          <Button variant="danger" disabled={others.length === 0} onClick={() => setTarget('others')}>
            Sign out everywhere else
          </Button>
        }
      />
      <section className="card" aria-label="My sessions">
        <SessionsTable
          sessions={list.data?.items ?? []}
          {...tableStateOf(list)}
          now={now}
          mark="current"
          canRevoke={(s) => !s.current}
          onRevoke={setTarget}
          emptyTitle="No sessions"
        >
          <ConfirmDialog
            open={target !== null}
            title={target === 'others' ? 'Sign out everywhere else?' : 'Sign this session out?'}
            description={
              target === 'others'
                ? `Your ${others.length} other session${others.length === 1 ? '' : 's'} end; this one stays signed in.`
                : target
                  ? `${describeClient(target)} from ${target.ipAddress}, signed in ${formatDateTime(target.createdAt)}, is signed out on its next request.`
                  : ''
            }
            confirmLabel={target === 'others' ? 'Sign out everywhere else' : 'Sign out session'}
            pending={revokeOne.isPending || revokeOthers.isPending}
            error={failed ? errorMessage(failed) : null}
            onConfirm={() => {
              if (target === 'others') revokeOthers.mutate({ keepCurrent: true });
              else if (target) revokeOne.mutate({ id: target.id });
            }}
            onClose={() => {
              revokeOne.reset();
              revokeOthers.reset();
              close();
            }}
          />
        </SessionsTable>
      </section>
    </>
  );
}
