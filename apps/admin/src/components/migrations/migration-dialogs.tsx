'use client';

import type { TBackupPolicy, TMigration } from '@bytelyst/routers/modules/migrations/schema';
import { Button } from '~/components/kit/button';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { Dialog } from '~/components/kit/dialog';
import { errorMessage } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';
import { DryRunSummary } from './dry-run-summary';
import { type MigrationAction, useMigrationActions } from './use-migration-actions';

export type DialogTarget = { migration: TMigration; action: MigrationAction | 'preview' };

const direction = (target: DialogTarget) => (target.action === 'rollback' ? 'down' : 'up');

function usePreview(target: DialogTarget | null) {
  const query = trpc.migrations.preview.useQuery(
    { id: target?.migration.id ?? '', direction: target ? direction(target) : 'up' },
    { enabled: target !== null, staleTime: 0, gcTime: 0 },
  );
  return {
    preview: query.data,
    isLoading: query.isLoading,
    error: query.error,
    onRetry: () => void query.refetch(),
  };
}

const TEXT: Record<
  MigrationAction,
  {
    title: (id: string) => string;
    label: string;
    variant: 'danger' | 'primary';
    description: (backups: TBackupPolicy) => string;
  }
> = {
  approve: {
    title: (id) => `Approve ${id}?`,
    label: 'Approve and run',
    variant: 'danger',
    description: (backups) =>
      `This migration is irreversible: once it has run, its change cannot be rolled back. ${backups.detail} It runs now, then the migrations waiting behind it.`,
  },
  retry: {
    title: (id) => `Run ${id} again?`,
    label: 'Run again',
    variant: 'primary',
    description: () =>
      'It runs now from the start (migrations are written to be run again safely), then the migrations waiting behind it.',
  },
  rollback: {
    title: (id) => `Roll back ${id}?`,
    label: 'Roll back',
    variant: 'danger',
    description: () =>
      'Its down runs now and undoes its change. It stays rolled back, also across restarts, until someone runs it again.',
  },
};

/** The dry run on its own, or the confirmation of an action with the dry run of what it will write. */
export function MigrationDialogs({
  target,
  backups,
  onClose,
}: {
  target: DialogTarget | null;
  backups: TBackupPolicy;
  onClose: () => void;
}) {
  const preview = usePreview(target);
  const actions = useMigrationActions(onClose);
  const close = () => {
    actions.reset();
    onClose();
  };
  if (!target) return null;
  const { migration, action } = target;
  if (action === 'preview') {
    return (
      <Dialog open title={`Dry run of ${migration.id}`} onClose={close}>
        <div className="dialog-body">
          <p className="muted">{migration.description}</p>
          <DryRunSummary {...preview} />
        </div>
        <div className="dialog-footer">
          <Button onClick={close}>Close</Button>
        </div>
      </Dialog>
    );
  }
  const text = TEXT[action];
  const failure = actions.error(action);
  return (
    <ConfirmDialog
      open
      title={text.title(migration.id)}
      description={text.description(backups)}
      confirmLabel={text.label}
      variant={text.variant}
      pending={actions.pending(action)}
      error={failure ? errorMessage(failure) : null}
      onConfirm={() => actions.run(action, migration.id)}
      onClose={close}
    >
      <DryRunSummary {...preview} />
    </ConfirmDialog>
  );
}
