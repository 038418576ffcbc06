'use client';

import type { ReactNode } from 'react';
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
        <Button variant={variant} onClick={onConfirm} loading={pending}>
          {confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}
