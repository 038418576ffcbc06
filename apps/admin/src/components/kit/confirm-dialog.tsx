'use client';

import type { ReactNode } from 'react';
import { errorMessage } from '~/lib/api-errors';
import { Button } from './button';
import { Dialog } from './dialog';
import { FormError } from './form-error';

type Props = {
  open: boolean;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  /** 'danger' (default) for destructive actions; 'primary' for ones that only do more work. */
  variant?: 'danger' | 'primary';
  /** Details shown under the description, such as what exactly the action will touch. */
  children?: ReactNode;
  pending?: boolean;
  /** The confirm button stays disabled, e.g. while what it would do is refused. */
  confirmDisabled?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onClose: () => void;
};

export function ConfirmDialog({
  open,
  title,
  description,
  confirmLabel,
  variant = 'danger',
  children,
  pending,
  confirmDisabled,
  error,
  onConfirm,
  onClose,
}: Props) {
  return (
    <Dialog open={open} onClose={onClose} title={title}>
      <div className="dialog-body">
        <p className="muted">{description}</p>
        {children}
        <FormError message={error} />
      </div>
      <div className="dialog-footer">
        <Button onClick={onClose}>Cancel</Button>
        <Button variant={variant} onClick={onConfirm} loading={pending} disabled={confirmDisabled}>
          {confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}

/** A mutation that removes one thing by id, as a tRPC hook returns it. */
type RemoveMutation = {
  isPending: boolean;
  error: unknown;
  mutate: (input: { id: string }) => void;
  reset: () => void;
};

/**
 * Asks before removing `target` (open while it is set) and runs `mutation` with its id; a failure shows in the
 * dialog, and closing forgets it.
 */
export function ConfirmRemoveDialog<T extends { id: string }>({
  target,
  mutation,
  onClose,
  ...text
}: {
  target: T | null;
  mutation: RemoveMutation;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  onClose: () => void;
}) {
  return (
    <ConfirmDialog
      {...text}
      open={target !== null}
      pending={mutation.isPending}
      error={mutation.error ? errorMessage(mutation.error) : null}
      onConfirm={() => {
        if (target) mutation.mutate({ id: target.id });
      }}
      onClose={() => {
        mutation.reset();
        onClose();
      }}
    />
  );
}
