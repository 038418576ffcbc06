'use client';

import type { TSecret } from '@bytelyst/routers/modules/secrets/schema';
import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { Dialog } from '~/components/kit/dialog';
import { TextAreaField } from '~/components/kit/field';
import { FormError } from '~/components/kit/form-error';
import { errorMessage, fieldErrorsOf } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';

/**
 * A super_admin's reveal: the reason first (kept in the audit log), then the value, masked until shown. The
 * value lives only in this dialog's state, so closing it, or leaving the page, forgets it.
 */
export function RevealDialog({ secret, onClose }: { secret: TSecret; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState(false);
  const reveal = trpc.secrets.reveal.useMutation();
  const value = reveal.data?.secretValue;
  const close = () => {
    reveal.reset();
    onClose();
  };
  return (
    <Dialog
      open
      onClose={close}
      title={`Reveal ${secret.name}`}
      description="Revealing is recorded in the audit log with your reason."
    >
      {value === undefined ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            reveal.mutate({ name: secret.name, scope: secret.scope, reason: reason.trim() });
          }}
        >
          <div className="dialog-body">
            <FormError
              message={
                reveal.error && !fieldErrorsOf(reveal.error).reason ? errorMessage(reveal.error) : null
              }
            />
            <TextAreaField
              label="Reason"
              value={reason}
              rows={2}
              hint="At least 10 characters, e.g. the incident or ticket."
              onChange={(event) => setReason(event.target.value)}
              error={reveal.error ? fieldErrorsOf(reveal.error).reason : undefined}
            />
          </div>
          <div className="dialog-footer">
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" variant="primary" loading={reveal.isPending}>
              Reveal value
            </Button>
          </div>
        </form>
      ) : (
        <>
          <div className="dialog-body">
            <p className="muted">Version {reveal.data?.version}</p>
            <div className="secret-box">
              <code data-testid="revealed-secret">{shown ? value : '•'.repeat(16)}</code>
              <Button size="sm" aria-pressed={shown} onClick={() => setShown((current) => !current)}>
                {shown ? 'Hide' : 'Show'}
              </Button>
            </div>
          </div>
          <div className="dialog-footer">
            <Button variant="primary" onClick={close}>
              Done
            </Button>
          </div>
        </>
      )}
    </Dialog>
  );
}
