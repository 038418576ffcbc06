'use client';

import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { TextField } from '~/components/kit/field';
import { errorMessage } from '~/lib/api-errors';
import { formatDateTime } from '~/lib/format';
import { fieldsOf } from './errors';
import { useAccountMutation } from './providers';

/**
 * "Delete my account": scheduled after a grace period (the platform's ACCOUNT_DELETION_GRACE_DAYS), confirmed
 * with the password; cancelling here, or signing in anywhere before the date, calls it off.
 */
export function DeletionSection({ scheduledFor }: { scheduledFor: string | null }) {
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const request = useAccountMutation(
    (trpc, pw: string) => trpc.account.requestDeletion.mutate({ password: pw }),
    [['me']],
  );
  const cancel = useAccountMutation((trpc) => trpc.account.cancelDeletion.mutate(), [['me']]);
  const close = () => {
    setOpen(false);
    setPassword('');
    request.reset();
  };
  const fieldError = fieldsOf(request.error).password;
  return (
    <Card
      titleId="deletion-title"
      title="Delete my account"
      subtitle="Your account and everything the platform holds about you are deleted after a grace period."
    >
      {scheduledFor ? (
        <div className="stack">
          <p className="alert alert-warning" role="status">
            Your account will be deleted on {formatDateTime(scheduledFor)}. Signing in before then also
            cancels it.
          </p>
          {cancel.error ? (
            <p className="alert alert-error" role="alert">
              {errorMessage(cancel.error)}
            </p>
          ) : null}
          <div>
            <Button variant="primary" loading={cancel.isPending} onClick={() => cancel.mutate(undefined)}>
              Cancel deletion
            </Button>
          </div>
        </div>
      ) : (
        <div>
          <Button variant="danger" onClick={() => setOpen(true)}>
            Delete my account
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={open}
        title="Delete your account?"
        description="After the grace period your profile, subscription, licenses, settings and other data are deleted for good."
        confirmLabel="Schedule deletion"
        pending={request.isPending}
        confirmDisabled={!password}
        error={request.error && !fieldError ? errorMessage(request.error) : null}
        onConfirm={() => request.mutate(password, { onSuccess: close })}
        onClose={close}
      >
        <TextField
          label="Your password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError}
        />
      </ConfirmDialog>
    </Card>
  );
}
