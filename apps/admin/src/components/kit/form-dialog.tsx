'use client';

import { Button } from './button';
import { Dialog, type DialogProps } from './dialog';
import { FormError } from './form-error';

type Props = DialogProps & {
  formError: string | null;
  submitLabel: string;
  pending: boolean;
  onSubmit: () => void;
};

/** A dialog holding one form (its children are the fields): form error, fields, then Cancel and a primary submit button. */
export function FormDialog({
  open,
  onClose,
  title,
  description,
  formError,
  submitLabel,
  pending,
  onSubmit,
  children,
}: Props) {
  return (
    <Dialog open={open} onClose={onClose} title={title} description={description}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
        noValidate
      >
        <div className="dialog-body">
          <FormError message={formError} />
          {children}
        </div>
        <div className="dialog-footer">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" loading={pending}>
            {submitLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
