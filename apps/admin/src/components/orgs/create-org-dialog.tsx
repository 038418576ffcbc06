'use client';

import { useRouter } from 'next/navigation';
import { TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useFormValues } from '~/hooks/use-form-values';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { trpc } from '~/lib/trpc';

/** Creates an organization owned by the signed-in admin, then opens it. */
export function CreateOrgDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { values, set, fields, formError, fromApi, clear } = useFormValues({ name: '' });
  const router = useRouter();
  const close = () => {
    clear();
    onClose();
  };
  const create = trpc.orgs.create.useMutation(
    useMutationFeedback({
      success: (org) => `${org.name} was created; you are its owner.`,
      onDone: (org) => {
        close();
        router.push(`/orgs/${encodeURIComponent(org.id)}`);
      },
      invalidate: (u) => [u.orgs.list.invalidate()],
      form: { fromApi },
    }),
  );
  return (
    <FormDialog
      open={open}
      onClose={close}
      title="New organization"
      description="You become its owner; invite members and create teams from its page."
      formError={formError}
      submitLabel="Create organization"
      pending={create.isPending}
      onSubmit={() => create.mutate({ name: values.name })}
    >
      <TextField
        label="Name"
        value={values.name}
        onChange={(event) => set('name', event.target.value)}
        error={fields.name}
        required
        autoFocus
      />
    </FormDialog>
  );
}
