import type { Metadata } from 'next';
import { SUBSCRIPTIONS_LIST, subscriptionsListInput } from '~/components/billing/subscriptions-list';
import { SubscriptionsView } from '~/components/billing/subscriptions-view';
import { PrefetchedList, type SearchParamsProp } from '~/server/prefetch-list';

export const metadata: Metadata = { title: 'Subscriptions' };

export default function BillingSubscriptionsPage({ searchParams }: { searchParams: SearchParamsProp }) {
  return (
    <PrefetchedList
      searchParams={searchParams}
      list={SUBSCRIPTIONS_LIST}
      queries={(filters, page) => [
        { path: 'plans.listAll' },
        { path: 'subscriptions.list', input: subscriptionsListInput(filters, page) },
      ]}
    >
      <SubscriptionsView />
    </PrefetchedList>
  );
}
