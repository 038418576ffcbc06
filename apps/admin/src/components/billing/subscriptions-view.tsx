'use client';

import { tableStateOf } from '~/components/kit/data-table';
import { SelectField } from '~/components/kit/field';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { trpc } from '~/lib/trpc';
import { SUBSCRIPTION_STATUS_LABELS } from './billing-format';
import { BillingHeader } from './billing-header';
import {
  type SubscriptionFilters as Filters,
  type SubscriptionSort as Sort,
  SUBSCRIPTIONS_LIST,
  subscriptionsListInput,
} from './subscriptions-list';
import { SubscriptionsTable } from './subscriptions-table';

const SORTS: readonly { value: string; label: string }[] = [
  { value: 'createdAt:desc', label: 'Newest first' },
  { value: 'createdAt:asc', label: 'Oldest first' },
  { value: 'currentPeriodEnd:asc', label: 'Period ends soonest' },
  { value: 'trialEnd:asc', label: 'Trial ends soonest (trials only)' },
  { value: 'updatedAt:desc', label: 'Recently changed' },
];

export function SubscriptionsView() {
  const { filters, changeFilters, pager, page } = useListState(SUBSCRIPTIONS_LIST);
  const plans = trpc.plans.listAll.useQuery();
  const list = trpc.subscriptions.list.useQuery(subscriptionsListInput(filters, page), KEEP_PREVIOUS);
  const planNames = new Map((plans.data?.items ?? []).map((p) => [p.code, p.name]));

  return (
    <>
      <BillingHeader tab="subscriptions" />
      <search className="filters">
        <SelectField
          label="Filter by status"
          value={filters.status}
          options={[
            { value: '', label: 'Any status' },
            ...Object.entries(SUBSCRIPTION_STATUS_LABELS).map(([value, label]) => ({ value, label })),
          ]}
          onChange={(event) => changeFilters({ ...filters, status: event.target.value as Filters['status'] })}
        />
        <SelectField
          label="Filter by plan"
          value={filters.planCode}
          options={[
            { value: '', label: 'Any plan' },
            ...(plans.data?.items ?? []).map((p) => ({ value: p.code, label: p.name })),
          ]}
          onChange={(event) => changeFilters({ ...filters, planCode: event.target.value })}
        />
        <SelectField
          label="Sort"
          value={`${filters.sort}:${filters.direction}`}
          options={SORTS}
          onChange={(event) => {
            const [sort, direction] = event.target.value.split(':') as [Sort, 'asc' | 'desc'];
            changeFilters({ ...filters, sort, direction });
          }}
        />
      </search>
      <section className="card" aria-label="Subscriptions">
        <SubscriptionsTable
          subscriptions={list.data?.items ?? []}
          planNames={planNames}
          {...tableStateOf(list)}
        />
        <Pager pager={pager} data={list.data} total={list.data?.total} noun="subscriptions" />
      </section>
    </>
  );
}
