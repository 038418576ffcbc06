'use client';

import type { TMemoryItem } from '@bytelyst/routers/modules/memory/schema';
import { useState } from 'react';
import { TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useFormErrors } from '~/hooks/use-form-errors';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { trpc } from '~/lib/trpc';

/**
 * Moves a memory item to another user of the product, found by email (the API takes the user's id; the
 * dialog looks the email up first, so an admin never copies ids around).
 */
export function ReassignMemoryDialog({ item, onClose }: { item: TMemoryItem | null; onClose: () => void }) {
  const [email, setEmail] = useState('');
  const form = useFormErrors();
  const utils = trpc.useUtils();
  const close = () => {
    setEmail('');
    form.reset();
    onClose();
  };
  const reassign = trpc.memory.reassign.useMutation(
    useMutationFeedback({
      success: 'The memory item was moved.',
      onDone: close,
      invalidate: (u) => [u.memory.list.invalidate()],
      form,
    }),
  );
  const [looking, setLooking] = useState(false);
  const submit = async () => {
    const wanted = email.trim().toLowerCase();
    if (!form.check(wanted.includes('@') ? {} : { userId: 'Enter the email of the user to move it to' }))
      return;
    if (!item) return;
    setLooking(true);
    try {
      const found = await utils.users.list.fetch({ search: wanted, limit: 10 });
      const user = found.items.find((u) => u.email.toLowerCase() === wanted);
      if (!user) {
        form.check({ userId: 'No user with this email in this product' });
        return;
      }
      reassign.mutate({ id: item.id, userId: user.id });
    } finally {
      setLooking(false);
    }
  };
  return (
    <FormDialog
      open={item !== null}
      onClose={close}
      title="Move memory item"
      description="The item, its tags and its file go to another user of this product; this user no longer sees it."
      formError={form.formError}
      submitLabel="Move item"
      pending={looking || reassign.isPending}
      onSubmit={() => void submit()}
    >
      <TextField
        label="New owner's email"
        type="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={form.fields.userId}
        autoFocus
      />
    </FormDialog>
  );
}
