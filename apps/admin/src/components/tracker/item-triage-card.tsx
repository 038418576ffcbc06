'use client';

import type {
  TItemPriority,
  TItemStatus,
  TTrackerItem,
} from '@bytelyst/routers/modules/tracker/items/schema';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { SelectField } from '~/components/kit/field';
import { FormError } from '~/components/kit/form-error';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorMessage } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';
import { optionsOf, PRIORITY_LABELS, STATUS_LABELS } from './labels';

/** Status and priority (admins), and deleting the item with its thread. */
export function ItemTriageCard({ item }: { item: TTrackerItem }) {
  const [status, setStatus] = useState<TItemStatus>(item.status);
  const [priority, setPriority] = useState<TItemPriority>(item.priority);
  const [confirming, setConfirming] = useState(false);
  const router = useRouter();
  const triage = trpc.tracker.items.triage.useMutation(
    useMutationFeedback({
      success: (saved) =>
        `Saved: ${STATUS_LABELS[saved.status]}, ${PRIORITY_LABELS[saved.priority]} priority.`,
      invalidate: (u) => [u.tracker.items.get.invalidate({ id: item.id }), u.tracker.items.list.invalidate()],
      error: false,
    }),
  );
  const remove = trpc.tracker.items.delete.useMutation(
    useMutationFeedback({
      success: `"${item.title}" was deleted.`,
      onDone: () => {
        setConfirming(false);
        router.push('/tracker');
      },
      invalidate: (u) => [u.tracker.items.list.invalidate()],
      error: false,
    }),
  );
  const changed = status !== item.status || priority !== item.priority;

  return (
    <Card
      titleId="triage-title"
      title="Triage"
      bodyClassName="stack"
      after={
        <ConfirmDialog
          open={confirming}
          title={`Delete "${item.title}"?`}
          description={`The item, its ${item.commentCount} comments and ${item.votes} votes are removed permanently.`}
          confirmLabel="Delete item"
          pending={remove.isPending}
          error={remove.error ? errorMessage(remove.error) : null}
          onConfirm={() => remove.mutate({ id: item.id })}
          onClose={() => {
            remove.reset();
            setConfirming(false);
          }}
        />
      }
    >
      <SelectField
        label="Status"
        value={status}
        options={optionsOf(STATUS_LABELS)}
        onChange={(event) => setStatus(event.target.value as TItemStatus)}
      />
      <SelectField
        label="Priority"
        value={priority}
        options={optionsOf(PRIORITY_LABELS)}
        onChange={(event) => setPriority(event.target.value as TItemPriority)}
      />
      {triage.error ? <FormError message={errorMessage(triage.error)} /> : null}
      <div className="row">
        <Button
          variant="primary"
          disabled={!changed}
          loading={triage.isPending}
          onClick={() => triage.mutate({ id: item.id, status, priority })}
        >
          Save changes
        </Button>
        <span className="spacer" />
        <Button variant="danger" onClick={() => setConfirming(true)}>
          Delete item
        </Button>
      </div>
    </Card>
  );
}
