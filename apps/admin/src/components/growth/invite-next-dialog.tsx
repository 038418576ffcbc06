'use client';

import { TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useFormValues } from '~/hooks/use-form-values';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { trpc } from '~/lib/trpc';

/** Invites the next N waiting entries in position order, each with its own single-use code. */
export function InviteNextDialog({
  open,
  onClose,
  waiting,
}: {
  open: boolean;
  onClose: () => void;
  waiting: number | undefined;
}) {
  const { values, set, fields, formError, check, fromApi, clear } = useFormValues({ count: '10' });
  const close = () => {
    clear();
    onClose();
  };
  const inviteNext = trpc.waitlist.inviteNext.useMutation(
    useMutationFeedback({
      success: ({ invited: { length: n } }) =>
        n === 0 ? 'Nobody was waiting.' : `Invited ${n} ${n === 1 ? 'person' : 'people'}.`,
      onDone: close,
      invalidate: (u) => [u.waitlist.list.invalidate(), u.waitlist.stats.invalidate()],
      form: { fromApi },
    }),
  );
  const submit = () => {
    const count = Number(values.count);
    if (
      !check(
        Number.isInteger(count) && count >= 1 && count <= 100
          ? {}
          : { count: 'A whole number from 1 to 100.' },
      )
    ) {
      return;
    }
    inviteNext.mutate({ count });
  };
  return (
    <FormDialog
      open={open}
      onClose={close}
      title="Invite the next people in line"
      description={`Each gets a single-use invitation code and the acceptance email.${
        waiting === undefined ? '' : ` ${waiting.toLocaleString()} waiting.`
      }`}
      formError={formError}
      submitLabel="Send invitations"
      pending={inviteNext.isPending}
      onSubmit={submit}
    >
      <TextField
        label="How many"
        inputMode="numeric"
        value={values.count}
        onChange={(event) => set('count', event.target.value)}
        error={fields.count}
        hint="Up to 100 at a time, lowest position first."
      />
    </FormDialog>
  );
}
