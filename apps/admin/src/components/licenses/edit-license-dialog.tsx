'use client';

import type { TLicense } from '@bytelyst/routers/modules/licenses/schema';
import { TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useFormValues } from '~/hooks/use-form-values';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { endOfUtcDay } from '~/lib/format';
import { trpc } from '~/lib/trpc';

const dayOf = (iso: string | null) => (iso ? iso.slice(0, 10) : '');

/** Changes expiry, device limit and note; a later expiry brings an expired license back. */
export function EditLicenseDialog({
  license,
  open,
  onClose,
}: {
  license: TLicense;
  open: boolean;
  onClose: () => void;
}) {
  const { values, set, fields, formError, check, fromApi, clear } = useFormValues({
    expiresOn: dayOf(license.expiresAt),
    maxDevices: String(license.maxDevices),
    note: license.note,
  });
  const close = () => {
    clear();
    onClose();
  };
  const update = trpc.licenses.update.useMutation(
    useMutationFeedback({
      success: 'The license was updated.',
      onDone: close,
      invalidate: (u) => [u.licenses.get.invalidate({ id: license.id }), u.licenses.list.invalidate()],
      form: { fromApi },
    }),
  );

  const submit = () => {
    const errors: Record<string, string> = {};
    const devices = Number(values.maxDevices);
    if (!Number.isInteger(devices) || devices < 1 || devices > 1000)
      errors.maxDevices = 'A whole number from 1 to 1000.';
    const changedExpiry = values.expiresOn !== dayOf(license.expiresAt);
    const expiresAt = values.expiresOn ? endOfUtcDay(values.expiresOn) : null;
    if (changedExpiry && expiresAt && Date.parse(expiresAt) <= Date.now())
      errors.expiresAt = 'Pick a day in the future.';
    if (!check(errors)) return;
    update.mutate({
      id: license.id,
      maxDevices: devices,
      note: values.note.trim(),
      ...(changedExpiry ? { expiresAt } : {}),
    });
  };

  return (
    <FormDialog
      open={open}
      onClose={close}
      title="Edit license"
      description="Extending the expiry re-arms the 7-day warning."
      formError={formError}
      submitLabel="Save changes"
      pending={update.isPending}
      onSubmit={submit}
    >
      <TextField
        label="Expires on"
        type="date"
        value={values.expiresOn}
        hint="Clear it for a license that never expires."
        onChange={(event) => set('expiresOn', event.target.value)}
        error={fields.expiresAt}
      />
      <TextField
        label="Device limit"
        inputMode="numeric"
        value={values.maxDevices}
        onChange={(event) => set('maxDevices', event.target.value)}
        error={fields.maxDevices}
      />
      <TextField
        label="Note"
        value={values.note}
        maxLength={500}
        onChange={(event) => set('note', event.target.value)}
        error={fields.note}
      />
    </FormDialog>
  );
}
