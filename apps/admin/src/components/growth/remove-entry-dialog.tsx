'use client';

import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { useToast } from '~/components/kit/toast';
import { errorMessage } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';

type Target = { id: string; email: string; position: number };

/** Confirms taking an entry off the waitlist; it keeps its position and can be restored. */
export function RemoveEntryDialog({ entry, onClose }: { entry: Target | null; onClose: () => void }) {
  const utils = trpc.useUtils();
  const toast = useToast();
  const remove = trpc.waitlist.remove.useMutation({
    onSuccess: async () => {
      toast.success(`${entry?.email ?? 'The entry'} was removed from the waitlist.`);
      close();
      await Promise.all([utils.waitlist.list.invalidate(), utils.waitlist.stats.invalidate()]);
    },
  });
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
