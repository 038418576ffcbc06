'use client';

import { useState } from 'react';
import { Dialog } from '~/components/kit/dialog';
import { TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { SecretReveal } from '~/components/kit/secret-reveal';
import { useFormValues } from '~/hooks/use-form-values';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { endOfUtcDay } from '~/lib/format';
import { trpc } from '~/lib/trpc';

const EMPTY = { userId: '', planCode: '', maxDevices: '', expiresOn: '', note: '' };

/** Generates a key for a user; the key is revealed once, then the lists refresh. */
export function GenerateLicenseDialog({
  open,
  onClose,
  userId,
}: {
  open: boolean;
  onClose: () => void;
  /** Fixes the user (from a user's page). */
  userId?: string;
}) {
  const {
    values: form,
    set,
    fields,
    formError,
    check,
    fromApi,
    clear,
  } = useFormValues({
    ...EMPTY,
    userId: userId ?? '',
  });
  const [licenseKey, setLicenseKey] = useState<string | null>(null);
  const utils = trpc.useUtils();

  const close = () => {
    clear();
    setLicenseKey(null);
    onClose();
  };
  const generate = trpc.licenses.create.useMutation(
    useMutationFeedback({
      success: (result) => `License ${result.item.keyPrefix}… was generated.`,
      onDone: (result) => setLicenseKey(result.key),
      invalidate: (u) => [u.licenses.list.invalidate()],
      form: { fromApi },
    }),
  );

  const [resolving, setResolving] = useState(false);
  /** The id of the user the field names: an id as typed, or the product's user with that exact email. */
  const resolveUser = async (value: string): Promise<string | null> => {
    if (!value.includes('@')) return value;
    setResolving(true);
    try {
      const found = await utils.users.list.fetch({ search: value, limit: 10 });
      return found.items.find((u) => u.email.toLowerCase() === value.toLowerCase())?.id ?? null;
    } finally {
      setResolving(false);
    }
  };

  const submit = async () => {
    const errors: Record<string, string> = {};
    const who = form.userId.trim();
    if (!who) errors.userId = 'Enter the email or id of the user who receives the license.';
    const devices = form.maxDevices.trim() ? Number(form.maxDevices) : undefined;
    if (devices !== undefined && (!Number.isInteger(devices) || devices < 1 || devices > 1000)) {
      errors.maxDevices = 'A whole number from 1 to 1000.';
    }
    const expiresAt = form.expiresOn ? endOfUtcDay(form.expiresOn) : undefined;
    if (expiresAt && Date.parse(expiresAt) <= Date.now()) errors.expiresAt = 'Pick a day in the future.';
    if (!check(errors)) return;
    const resolved = await resolveUser(who).catch(() => null);
    if (!resolved) {
      check({ userId: `No user with the email ${who} in this product.` });
      return;
    }
    generate.mutate({
      userId: resolved,
      ...(form.planCode.trim() ? { planCode: form.planCode.trim().toLowerCase() } : {}),
      ...(devices ? { maxDevices: devices } : {}),
      ...(expiresAt ? { expiresAt } : {}),
      ...(form.note.trim() ? { note: form.note.trim() } : {}),
    });
  };

  if (licenseKey) {
    return (
      <Dialog open={open} onClose={close} title="Copy the new license key">
        <SecretReveal
          secret={licenseKey}
          label="New license key:"
          warning="This is the only time the key is shown. Send it to the customer now; only its hash is stored, so it cannot be retrieved later."
          doneLabel="I have sent it"
          testId="new-license-key"
          onDone={close}
        />
      </Dialog>
    );
  }

  return (
    <FormDialog
      open={open}
      onClose={close}
      title="Generate a license key"
      description="The device limit comes from the plan unless you set one."
      formError={formError}
      submitLabel="Generate key"
      pending={generate.isPending || resolving}
      onSubmit={() => void submit()}
    >
      <TextField
        label="User (email or ID)"
        value={form.userId}
        readOnly={userId !== undefined}
        placeholder="ada@example.com"
        onChange={(event) => set('userId', event.target.value)}
        error={fields.userId}
      />
      <TextField
        label="Plan code"
        value={form.planCode}
        placeholder="pro"
        hint="Leave empty for the user's current plan."
        onChange={(event) => set('planCode', event.target.value)}
        error={fields.planCode}
      />
      <TextField
        label="Device limit"
        inputMode="numeric"
        value={form.maxDevices}
        placeholder="From the plan"
        onChange={(event) => set('maxDevices', event.target.value)}
        error={fields.maxDevices}
      />
      <TextField
        label="Expires on"
        type="date"
        value={form.expiresOn}
        hint="Leave empty for a license that never expires."
        onChange={(event) => set('expiresOn', event.target.value)}
        error={fields.expiresAt}
      />
      <TextField
        label="Note"
        value={form.note}
        placeholder="Order #1234"
        maxLength={500}
        onChange={(event) => set('note', event.target.value)}
        error={fields.note}
      />
    </FormDialog>
  );
}
