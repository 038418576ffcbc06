'use client';

import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorMessage } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';

/** GDPR erasure of one user's client telemetry, for the user detail page's danger zone. */
export function EraseUserTelemetryButton({ userId }: { userId: string }) {
  const [confirming, setConfirming] = useState(false);
  const erase = trpc.telemetry.erase.useMutation(
    useMutationFeedback({
      success: (result) =>
        `Deleted ${result.eventsDeleted.toLocaleString()} telemetry events; ${result.clustersScrubbed} error clusters scrubbed.`,
      onDone: () => setConfirming(false),
      invalidate: (u) => [u.telemetry.invalidate()],
      error: false,
    }),
  );
  return (
    <>
      <Button variant="danger" onClick={() => setConfirming(true)}>
        Erase telemetry
      </Button>
      <ConfirmDialog
        open={confirming}
        title="Erase this user's telemetry?"
        description="Every client event of this user is deleted and removed from error cluster samples and user counts. This cannot be undone."
        confirmLabel="Erase telemetry"
        pending={erase.isPending}
        error={erase.error ? errorMessage(erase.error) : null}
        onConfirm={() => erase.mutate({ userId })}
        onClose={() => {
          setConfirming(false);
          erase.reset();
        }}
      />
    </>
  );
}
