'use client';

import { useState } from 'react';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { TextField } from '~/components/kit/field';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorMessage } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';

type Target = { id: string; keyPrefix: string; activeDevices: number };

/** Confirms and revokes a license; its devices stop validating at once. */
export function RevokeLicenseDialog({ license, onClose }: { license: Target | null; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const revoke = trpc.licenses.revoke.useMutation(
    useMutationFeedback({
      success: `License ${license?.keyPrefix ?? ''}… was revoked.`,
      onDone: () => close(),
      invalidate: (u) => [u.licenses.list.invalidate(), u.licenses.get.invalidate()],
      error: false,
    }),
  );
  const close = () => {
    revoke.reset();
    setReason('');
    onClose();
  };
  const devices = license?.activeDevices ?? 0;
  return (
    <ConfirmDialog
      open={license !== null}
      title={`Revoke ${license?.keyPrefix ?? 'license'}…?`}
      description={`The key stops validating immediately${
        devices > 0 ? ` on the ${devices} device${devices === 1 ? '' : 's'} using it` : ''
      }. This cannot be undone.`}
      confirmLabel="Revoke license"
      pending={revoke.isPending}
      error={revoke.error ? errorMessage(revoke.error) : null}
      onConfirm={() => {
        if (license) revoke.mutate({ id: license.id, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      }}
      onClose={close}
    >
      <TextField
        label="Reason (optional)"
        value={reason}
        maxLength={500}
        placeholder="Refunded"
        onChange={(event) => setReason(event.target.value)}
      />
    </ConfirmDialog>
  );
}
