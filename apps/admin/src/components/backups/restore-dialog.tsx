'use client';

import type { TBackupJob } from '@bytelyst/routers/modules/backups/schema';
import { useState } from 'react';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { SelectField } from '~/components/kit/field';
import { ErrorState } from '~/components/kit/states';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorMessage } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';

const ALL = '';

/**
 * A restore behind its dry run: pick everything or one container, read what would be written and removed, and
 * why it would be refused now; the confirm stays disabled while it would be.
 */
export function RestoreDialog({ backup, onClose }: { backup: TBackupJob; onClose: () => void }) {
  const [container, setContainer] = useState(ALL);
  const scope = container === ALL ? {} : { container };
  const dryRun = trpc.backups.restore.useMutation();
  const restore = trpc.backups.restore.useMutation(
    useMutationFeedback({
      success: 'Restore started.',
      onDone: onClose,
      invalidate: (u) => [u.backups.list.invalidate()],
      error: false,
    }),
  );
  const plan = dryRun.data?.plan;
  const asked = dryRun.variables?.container ?? ALL;
  const fresh = plan !== undefined && asked === container;
  const options = [
    { value: ALL, label: 'Every container' },
    ...(backup.manifest?.containers ?? []).map((file) => ({
      value: file.container,
      label: `${file.container} (${file.documents.toLocaleString()})`,
    })),
  ];

  return (
    <ConfirmDialog
      open
      title={`Restore ${backup.id}?`}
      description="Each container in scope is emptied and refilled from the backup. Run the dry run first: it says what would be written and removed, and whether a restore may run now."
      confirmLabel={!fresh ? 'Dry run' : plan.refusal ? 'Refused' : 'Restore'}
      variant={fresh && !plan.refusal ? 'danger' : 'primary'}
      pending={restore.isPending || dryRun.isPending}
      confirmDisabled={fresh && plan.refusal !== null}
      error={restore.error ? errorMessage(restore.error) : null}
      onConfirm={() => {
        if (!fresh) dryRun.mutate({ id: backup.id, ...scope, dryRun: true });
        else if (!plan.refusal) restore.mutate({ id: backup.id, ...scope, dryRun: false });
      }}
      onClose={onClose}
    >
      <SelectField
        label="What to restore"
        options={options}
        value={container}
        onChange={(event) => setContainer(event.target.value)}
      />
      {dryRun.error ? <ErrorState error={dryRun.error} /> : null}
      {fresh ? (
        <section aria-label="Dry run">
          <table className="table">
            <thead>
              <tr>
                <th>Container</th>
                <th>Written</th>
                <th>Removed first</th>
                <th>Kept</th>
              </tr>
            </thead>
            <tbody>
              {plan.containers.map((entry) => (
                <tr key={entry.container}>
                  <td>{entry.container}</td>
                  <td className="tabular">{entry.backupDocuments.toLocaleString()}</td>
                  <td className="tabular">{(entry.currentDocuments - entry.kept).toLocaleString()}</td>
                  <td className="tabular">{entry.kept.toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">
            {plan.totals.write.toLocaleString()} documents written, {plan.totals.remove.toLocaleString()}{' '}
            removed.
          </p>
          {plan.warnings.map((warning) => (
            <p className="muted" key={warning}>
              {warning}
            </p>
          ))}
          {plan.refusal ? (
            <div className="alert alert-warning" role="alert" data-reason={plan.refusal.reason}>
              {plan.refusal.message}
            </div>
          ) : null}
        </section>
      ) : null}
    </ConfirmDialog>
  );
}
