'use client';

import type { TPlan } from '@bytelyst/routers/modules/billing/plans/schema';
import { useState } from 'react';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { tableStateOf } from '~/components/kit/data-table';
import { NewButton } from '~/components/kit/new-button';
import { type TrpcUtils, useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorMessage } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';
import { BillingHeader } from './billing-header';
import { PlanDialog } from './plan-dialog';
import { type PlanAction, PlansTable } from './plans-table';

type Pending = { plan: TPlan; action: Exclude<PlanAction, 'edit' | 'restore'> } | null;

const CONFIRM: Record<
  Exclude<PlanAction, 'edit' | 'restore'>,
  { title: string; body: string; label: string }
> = {
  default: {
    title: 'Make {name} the default plan?',
    body: 'New users of this product start on it (with its trial). Existing subscriptions stay where they are.',
    label: 'Make default',
  },
  archive: {
    title: 'Archive {name}?',
    body: 'It disappears from pricing pages and takes no new subscribers; current subscribers keep it.',
    label: 'Archive plan',
  },
  delete: {
    title: 'Delete {name}?',
    body: 'Only a plan nobody is subscribed to can be deleted. This cannot be undone.',
    label: 'Delete plan',
  },
};

export function PlansView() {
  const [editing, setEditing] = useState<TPlan | 'new' | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const list = trpc.plans.listAll.useQuery();
  const name = pending?.plan.name ?? '';
  const common = {
    onDone: () => setPending(null),
    invalidate: (u: TrpcUtils) => [u.plans.listAll.invalidate(), u.plans.list.invalidate()],
    // The confirmation shows the error; a restore has no dialog, so its error is a toast.
    error: pending ? (false as const) : undefined,
  };
  const setDefault = trpc.plans.setDefault.useMutation(
    useMutationFeedback({ ...common, success: `${name} is now the default plan.` }),
  );
  const archive = trpc.plans.archive.useMutation(
    useMutationFeedback({
      ...common,
      success: (plan) => (plan.archived ? `${plan.name} was archived.` : `${plan.name} is on offer again.`),
    }),
  );
  const remove = trpc.plans.delete.useMutation(
    useMutationFeedback({ ...common, success: `${name} was deleted.` }),
  );
  const mutation =
    pending?.action === 'default' ? setDefault : pending?.action === 'delete' ? remove : archive;

  const onAction = (plan: TPlan, action: PlanAction) => {
    if (action === 'edit') setEditing(plan);
    else if (action === 'restore') archive.mutate({ code: plan.code, archived: false });
    else setPending({ plan, action });
  };
  const confirm = () => {
    if (!pending) return;
    const { code } = pending.plan;
    if (pending.action === 'default') setDefault.mutate({ code });
    else if (pending.action === 'delete') remove.mutate({ code });
    else archive.mutate({ code, archived: true });
  };
  const copy = pending ? CONFIRM[pending.action] : null;

  return (
    <>
      <BillingHeader tab="plans" actions={<NewButton label="New plan" onClick={() => setEditing('new')} />} />
      <section className="card" aria-label="Plans">
        <PlansTable plans={list.data?.items ?? []} onAction={onAction} {...tableStateOf(list)} />
      </section>
      {editing ? (
        <PlanDialog
          key={editing === 'new' ? 'new' : editing.id}
          plan={editing === 'new' ? null : editing}
          open
          onClose={() => setEditing(null)}
        />
      ) : null}
      <ConfirmDialog
        open={pending !== null}
        title={copy?.title.replace('{name}', name) ?? ''}
        description={copy?.body ?? ''}
        confirmLabel={copy?.label ?? 'Confirm'}
        variant={pending?.action === 'default' ? 'primary' : 'danger'}
        pending={mutation.isPending}
        error={mutation.error ? errorMessage(mutation.error) : null}
        onConfirm={confirm}
        onClose={() => {
          setDefault.reset();
          remove.reset();
          archive.reset();
          setPending(null);
        }}
      />
    </>
  );
}
