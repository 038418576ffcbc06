'use client';

import type { TBackupJob } from '@bytelyst/routers/modules/backups/schema';
import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { tableStateOf } from '~/components/kit/data-table';
import { PageHeader } from '~/components/kit/page-header';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { trpc } from '~/lib/trpc';
import { BACKUPS_LIST_INPUT, isRunning } from './backup-status';
import { BackupsTable } from './backups-table';
import { PolicyCard } from './policy-card';
import { RestoreDialog } from './restore-dialog';

/** Fast while something runs, so the progress bars move; otherwise a slow refresh. */
const RUNNING_REFRESH_MS = 1000;
const IDLE_REFRESH_MS = 30_000;

export function BackupsView() {
  const list = trpc.backups.list.useQuery(BACKUPS_LIST_INPUT, {
    refetchInterval: (query) =>
      query.state.data?.items.some(isRunning) ? RUNNING_REFRESH_MS : IDLE_REFRESH_MS,
  });
  const me = trpc.auth.getMine.useQuery();
  const canRestore = me.data?.roles.includes('super_admin') ?? false;
  const [restoring, setRestoring] = useState<TBackupJob | null>(null);
  const create = trpc.backups.create.useMutation(
    useMutationFeedback({
      success: 'Backup started.',
      invalidate: (u) => [u.backups.list.invalidate()],
    }),
  );
  const busy = list.data?.items.some((job) => job.kind === 'backup' && isRunning(job)) ?? false;

  return (
    <>
      <PageHeader
        title="Backups"
        description="Logical backups of every container into blob storage, checked against their manifest and restored behind a dry run. Platform-wide."
        actions={
          <Button
            variant="primary"
            loading={create.isPending}
            disabled={busy}
            onClick={() => create.mutate()}
          >
            Back up now
          </Button>
        }
      />
      <PolicyCard />
      <section className="card" aria-label="Backups">
        <BackupsTable
          jobs={list.data?.items ?? []}
          {...tableStateOf(list)}
          canRestore={canRestore}
          onRestore={setRestoring}
        />
        <div className="table-footer">
          <span>
            Each container is one gzipped NDJSON file with its document count and SHA-256 in the manifest.
            Verify reads every file back without restoring it; a restore needs a verified backup.
          </span>
        </div>
      </section>
      {restoring ? <RestoreDialog backup={restoring} onClose={() => setRestoring(null)} /> : null}
    </>
  );
}
