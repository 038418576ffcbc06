'use client';

import { useState } from 'react';
import { StatGrid } from '~/components/growth/stat-grid';
import { tableStateOf } from '~/components/kit/data-table';
import { PageHeader } from '~/components/kit/page-header';
import { useNow } from '~/hooks/use-now';
import { formatRelative } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { type DialogTarget, MigrationDialogs } from './migration-dialogs';
import { MigrationsTable } from './migrations-table';

/** Fast while a runner holds the lease, so the outcome shows without a reload; otherwise a slow refresh. */
const RUNNING_REFRESH_MS = 2000;
const IDLE_REFRESH_MS = 30_000;

export function MigrationsView() {
  const now = useNow();
  const list = trpc.migrations.list.useQuery(undefined, {
    refetchInterval: (query) => (query.state.data?.lease ? RUNNING_REFRESH_MS : IDLE_REFRESH_MS),
  });
  const me = trpc.auth.getMine.useQuery();
  const canApprove = me.data?.roles.includes('super_admin') ?? false;
  const [target, setTarget] = useState<DialogTarget | null>(null);
  const data = list.data;
  const awaiting = data?.counts.awaitingApproval ?? 0;

  return (
    <>
      <PageHeader
        title="Migrations"
        description="Changes to the shape of stored data, applied in version order at start-up by one instance while the others wait. Platform-wide."
      />
      <StatGrid
        label="Migration counts"
        error={list.error}
        onRetry={() => void list.refetch()}
        stats={[
          { label: 'Applied', value: data?.counts.applied, hint: 'Ran to the end' },
          { label: 'Pending', value: data?.counts.pending, hint: 'Not run yet' },
          { label: 'Failed', value: data?.counts.failed, hint: 'Later ones wait for these' },
          { label: 'Awaiting approval', value: awaiting, hint: 'Irreversible; super_admin' },
        ]}
      />
      {data?.lease ? (
        <div className="alert alert-warning" role="status">
          Migrations are running on {data.lease.holder}; the lease lapses{' '}
          {formatRelative(data.lease.expiresAt, now)} unless renewed.
        </div>
      ) : null}
      {awaiting > 0 && data?.backups.mode === 'none' ? (
        <div className="alert alert-warning" role="note">
          {data.backups.detail}
        </div>
      ) : null}
      {awaiting > 0 && !canApprove ? (
        <div className="alert alert-warning" role="note">
          Only a super_admin can approve an irreversible migration.
        </div>
      ) : null}
      <section className="card" aria-label="Migrations">
        <MigrationsTable
          migrations={data?.items ?? []}
          {...tableStateOf(list)}
          canApprove={canApprove}
          now={now}
          onOpen={setTarget}
        />
        <div className="table-footer">
          <span>
            A failed migration does not stop start-up; the ones after it wait until it is run again. Each runs
            once across instances, under a lease.
          </span>
        </div>
      </section>
      {data ? (
        <MigrationDialogs target={target} backups={data.backups} onClose={() => setTarget(null)} />
      ) : null}
    </>
  );
}
