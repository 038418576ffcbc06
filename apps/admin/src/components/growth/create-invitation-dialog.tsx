'use client';

import { ZInvitationCode } from '@bytelyst/routers/modules/growth/invitations/schema';
import { TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useFormValues } from '~/hooks/use-form-values';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { endOfUtcDay } from '~/lib/format';
import { passes } from '~/lib/schema-check';
import { trpc } from '~/lib/trpc';

const EMPTY = { code: '', maxUses: '1', expiresOn: '', note: '' };

/** Creates an invitation code: random unless one is typed, with a use limit, an expiry and a note. */
export function CreateInvitationDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { values: form, set, fields, formError, check, fromApi, clear } = useFormValues(EMPTY);
  const close = () => {
    clear();
    onClose();
  };
  const create = trpc.invitations.create.useMutation(
    useMutationFeedback({
      success: (invitation) => `Invitation ${invitation.code} was created.`,
      onDone: close,
      invalidate: (u) => [u.invitations.list.invalidate()],
      form: { fromApi },
    }),
  );
  const submit = () => {
    const errors: Record<string, string> = {};
    const code = form.code.trim();
    if (code && !passes(ZInvitationCode, code)) {
      errors.code = '4 to 32 letters, digits, dashes or underscores.';
    }
    const maxUses = Number(form.maxUses);
    if (!Number.isInteger(maxUses) || maxUses < 1 || maxUses > 100_000) {
      errors.maxUses = 'A whole number from 1 to 100,000.';
    }
    const expiresAt = form.expiresOn ? endOfUtcDay(form.expiresOn) : undefined;
    if (expiresAt && Date.parse(expiresAt) <= Date.now()) errors.expiresAt = 'Pick a day in the future.';
    if (!check(errors)) return;
    create.mutate({
      ...(code ? { code } : {}),
      maxUses,
      ...(expiresAt ? { expiresAt } : {}),
      ...(form.note.trim() ? { note: form.note.trim() } : {}),
    });
  };
  return (
    <FormDialog
      open={open}
      onClose={close}
      title="New invitation code"
      description="Anyone with the code can redeem it once, until its uses run out or it expires."
      formError={formError}
      submitLabel="Create code"
      pending={create.isPending}
      onSubmit={submit}
    >
      <TextField
        label="Code"
        value={form.code}
        placeholder="Random"
        hint="Leave empty for a random 10-character code. Codes are not case-sensitive."
        onChange={(event) => set('code', event.target.value)}
        error={fields.code}
      />
      <TextField
        label="Maximum uses"
        inputMode="numeric"
        value={form.maxUses}
        onChange={(event) => set('maxUses', event.target.value)}
        error={fields.maxUses}
      />
      <TextField
        label="Expires on"
        type="date"
        value={form.expiresOn}
        hint="Leave empty for a code that never expires."
        onChange={(event) => set('expiresOn', event.target.value)}
        error={fields.expiresAt}
      />
      <TextField
        label="Note"
        value={form.note}
        maxLength={500}
        placeholder="Conference attendees"
        onChange={(event) => set('note', event.target.value)}
        error={fields.note}
      />
    </FormDialog>
  );
}
