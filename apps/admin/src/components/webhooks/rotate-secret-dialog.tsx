'use client';

import type { TWebhookEndpoint } from '@bytelyst/routers/modules/webhooks/schema';
import { useState } from 'react';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { Dialog } from '~/components/kit/dialog';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorMessage } from '~/lib/api-errors';
import { formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { invalidateWebhooks } from './endpoint-dialog';
import { SecretShownOnce } from './secret-shown-once';

type Rotated = TWebhookEndpoint & { secret: string };

/** Asks, rotates, then shows the new secret once and how long the previous one still signs. */
export function RotateSecretDialog({
  endpoint,
  open,
  onClose,
}: {
  endpoint: TWebhookEndpoint;
  open: boolean;
  onClose: () => void;
}) {
  const [rotated, setRotated] = useState<Rotated | null>(null);
  const rotate = trpc.webhooks.endpoints.rotateSecret.useMutation(
    useMutationFeedback({ onDone: setRotated, invalidate: invalidateWebhooks, error: false }),
  );
  const close = () => {
    rotate.reset();
    setRotated(null);
    onClose();
  };
  const noun = endpoint.signatureScheme === 'v1a' ? 'signing key' : 'secret';

  if (rotated) {
    return (
      <Dialog open={open} onClose={close} title={`Copy the new ${noun}`}>
        <SecretShownOnce
          value={rotated}
          onDone={close}
          note={
            rotated.previousSecretExpiresAt ? (
              <>
                The previous {noun} keeps signing beside it until{' '}
                <strong>{formatDateTime(rotated.previousSecretExpiresAt)}</strong>: every message carries both
                signatures until then, so the receiver can switch without dropping any.
              </>
            ) : null
          }
        />
      </Dialog>
    );
  }
  return (
    <ConfirmDialog
      open={open}
      title={`Rotate the ${noun}?`}
      description={`A new ${noun} signs every message from now on. The current one keeps signing beside it for 24 hours, so the receiver has a day to switch.`}
      confirmLabel={`Rotate ${noun}`}
      variant="primary"
      pending={rotate.isPending}
      error={rotate.error ? errorMessage(rotate.error) : null}
      onConfirm={() => rotate.mutate({ id: endpoint.id })}
      onClose={close}
    />
  );
}
