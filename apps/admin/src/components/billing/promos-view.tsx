'use client';

import type { TPromo } from '@bytelyst/routers/modules/promos/schema';
import { useState } from 'react';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { tableStateOf } from '~/components/kit/data-table';
import { SelectField } from '~/components/kit/field';
import { NewButton } from '~/components/kit/new-button';
import { PageHeader } from '~/components/kit/page-header';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorMessage } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';
import { PromoDialog } from './promo-dialog';
import { PROMOS_LIST, type PromoFilters, promosListInput } from './promos-list';
import { discountLabel, PromosTable } from './promos-table';

export function PromosView() {
  const { filters, changeFilters, pager, page } = useListState(PROMOS_LIST);
  const list = trpc.promos.list.useQuery(promosListInput(filters, page), KEEP_PREVIOUS);
  const [creating, setCreating] = useState(false);
  const [pending, setPending] = useState<TPromo | null>(null);
  const deactivate = trpc.promos.deactivate.useMutation(
    useMutationFeedback({
      success: (promo: TPromo) => `${promo.code} is switched off; it redeemed ${promo.timesRedeemed} times.`,
      onDone: () => setPending(null),
      invalidate: (u) => [u.promos.list.invalidate()],
      error: false,
    }),
  );

  return (
    <>
      <PageHeader
        title="Promo codes"
        description="Discount codes kept in Stripe as coupons and promotion codes. Redemption counts are Stripe's."
        actions={<NewButton label="New promo code" onClick={() => setCreating(true)} />}
      />
      <search className="filters">
        <SelectField
          label="Filter by status"
          value={filters.status}
          options={[
            { value: '', label: 'Any status' },
            { value: 'active', label: 'Active' },
            { value: 'inactive', label: 'Inactive' },
          ]}
          onChange={(event) => changeFilters({ status: event.target.value as PromoFilters['status'] })}
        />
      </search>
      <section className="card" aria-label="Promo codes">
        <PromosTable promos={list.data?.items ?? []} onDeactivate={setPending} {...tableStateOf(list)} />
        <Pager pager={pager} data={list.data} noun="promo codes" />
      </section>
      {creating ? <PromoDialog open onClose={() => setCreating(false)} /> : null}
      <ConfirmDialog
        open={pending !== null}
        title={`Deactivate ${pending?.code ?? ''}?`}
        description={
          pending
            ? `${discountLabel(pending)}, redeemed ${pending.timesRedeemed} times. Customers can no longer redeem it; discounts already applied stay. Stripe keeps the code, so this cannot be undone here.`
            : ''
        }
        confirmLabel="Deactivate code"
        variant="danger"
        pending={deactivate.isPending}
        error={deactivate.error ? errorMessage(deactivate.error) : null}
        onConfirm={() => pending && deactivate.mutate({ id: pending.id })}
        onClose={() => {
          deactivate.reset();
          setPending(null);
        }}
      />
    </>
  );
}
