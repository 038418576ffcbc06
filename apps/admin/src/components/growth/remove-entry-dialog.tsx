'use client';

import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorMessage } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';

type Target = { id: string; email: string; position: number };

/** Confirms taking an entry off the waitlist; it keeps its position and can be restored. */
export function RemoveEntryDialog({ entry, onClose }: { entry: Target | null; onClose: () => void }) {
  const remove = trpc.waitlist.remove.useMutation(
    useMutationFeedback({
      success: `${entry?.email ?? 'The entry'} was removed from the waitlist.`,
      onDone: () => close(),
      invalidate: (u) => [u.waitlist.list.invalidate(), u.waitlist.stats.invalidate()],
      error: false,
    }),
  );
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={entry !== null}
      title={`Remove ${entry?.email ?? 'entry'}?`}
      description={`Position #${entry?.position ?? ''} leaves the queue and will not be invited. Any invitation already sent stays valid.`}
      confirmLabel="Remove from waitlist"
      pending={remove.isPending}
      error={remove.error ? errorMessage(remove.error) : null}
      onConfirm={() => {
        if (entry) remove.mutate({ id: entry.id });
      }}
      onClose={close}
    />
  );
}
