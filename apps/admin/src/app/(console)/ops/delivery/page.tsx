import type { Metadata } from 'next';
import { DELIVERY_LIST, deliveryListInput, STATS_INPUT } from '~/components/delivery/delivery-list';
import { DeliveryView } from '~/components/delivery/delivery-view';
import { PrefetchedList, type SearchParamsProp } from '~/server/prefetch-list';

export const metadata: Metadata = { title: 'Delivery' };

export default function DeliveryPage({ searchParams }: { searchParams: SearchParamsProp }) {
  return (
    <PrefetchedList
      searchParams={searchParams}
      list={DELIVERY_LIST}
      queries={(filters, page) => [
        { path: 'delivery.list', input: deliveryListInput(filters, page) },
        { path: 'delivery.getStats', input: STATS_INPUT },
      ]}
    >
      <DeliveryView />
    </PrefetchedList>
  );
}
