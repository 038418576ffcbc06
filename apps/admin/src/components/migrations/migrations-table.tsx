'use client';

import type { TMigration } from '@bytelyst/routers/modules/migrations/schema';
import { Button } from '~/components/kit/button';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { formatDateTime, formatDuration, formatRelative } from '~/lib/format';
import { MigrationStatusBadge } from './migration-badges';
import type { DialogTarget } from './migration-dialogs';
import styles from './migrations.module.css';

const COLUMNS: readonly Column[] = [
  { label: 'Migration' },
  { label: 'Status' },
  { label: 'Duration' },
  { label: 'Last run' },
  { label: 'Actions', className: 'cell-actions' },
];

type Props = TableState & {
  migrations: readonly TMigration[];
  canApprove: boolean;
  now: number;
  onOpen: (target: DialogTarget) => void;
};

function StatusCell({ m }: { m: TMigration }) {
  return (
    <>
      <span className="badge-list">
        <MigrationStatusBadge status={m.status} />
        {m.reversible ? null : <span className="cell-secondary">Irreversible</span>}
      </span>
      {m.waitingFor ? <div className="cell-secondary">Waits for {m.waitingFor}</div> : null}
      {m.error ? (
        <div className={styles.error} role="note">
          {m.error}
        </div>
      ) : null}
      {m.approvedBy ? (
        <div className="cell-secondary" title={m.backup ?? undefined}>
          Approved by {m.approvedBy}
        </div>
      ) : null}
    </>
  );
}

function LastRun({ m, now }: { m: TMigration; now: number }) {
  const at = m.status === 'rolled_back' ? m.rolledBackAt : (m.appliedAt ?? m.startedAt);
  if (!at) return <span className="cell-muted">Never run</span>;
  return (
    <>
      <div className="nowrap" title={formatDateTime(at)}>
        {formatRelative(at, now)}
      </div>
      <div className="cell-secondary nowrap">
        {m.attempts} {m.attempts === 1 ? 'run' : 'runs'}
        {m.instanceId ? ` · ${m.instanceId}` : ''}
      </div>
    </>
  );
}

export function MigrationsTable({ migrations, canApprove, now, onOpen, ...state }: Props) {
  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={migrations}
      emptyTitle="No migrations are registered"
      emptyHint="The platform lists its migrations in packages/routers/src/migrations/registry.ts."
      renderRow={(m) => (
        <tr
          key={m.id}
          className={m.status === 'failed' ? styles.failedRow : undefined}
          data-status={m.status}
        >
          <td>
            <div className="cell-primary mono nowrap">{m.id}</div>
            <div className="cell-secondary">{m.description}</div>
            {m.registered ? null : <div className="cell-secondary">Not listed by this release</div>}
          </td>
          <td>
            <StatusCell m={m} />
          </td>
          <td className="nowrap">{formatDuration(m.durationMs)}</td>
          <td>
            <LastRun m={m} now={now} />
          </td>
          <td className="cell-actions">
            <div className="btn-group btn-group-end">
              {m.registered ? (
                <Button
                  size="sm"
                  aria-label={`Dry run ${m.id}`}
                  onClick={() => onOpen({ migration: m, action: 'preview' })}
                >
                  Dry run
                </Button>
              ) : null}
              {m.status === 'pending_approval' && canApprove ? (
                <Button
                  size="sm"
                  variant="primary"
                  aria-label={`Approve ${m.id}`}
                  onClick={() => onOpen({ migration: m, action: 'approve' })}
                >
                  Approve
                </Button>
              ) : null}
              {(m.status === 'failed' || m.status === 'rolled_back') && (m.reversible || canApprove) ? (
                <Button
                  size="sm"
                  aria-label={`Retry ${m.id}`}
                  onClick={() => onOpen({ migration: m, action: 'retry' })}
                >
                  {m.status === 'failed' ? 'Retry' : 'Apply again'}
                </Button>
              ) : null}
              {m.canRollBack ? (
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Roll back ${m.id}`}
                  onClick={() => onOpen({ migration: m, action: 'rollback' })}
                >
                  Roll back
                </Button>
              ) : null}
            </div>
          </td>
        </tr>
      )}
    />
  );
}
