import type { Metadata } from 'next';
import { DEVICES_LIST, devicesListInput } from '~/components/notifications/devices-list';
import { DevicesView } from '~/components/notifications/devices-view';
import { PrefetchedList, type SearchParamsProp } from '~/server/prefetch-list';

export const metadata: Metadata = { title: 'Devices' };

export default function DevicesPage({ searchParams }: { searchParams: SearchParamsProp }) {
  return (
    <PrefetchedList
      searchParams={searchParams}
      list={DEVICES_LIST}
      queries={(filters, page) => [{ path: 'notifications.list', input: devicesListInput(filters, page) }]}
    >
      <DevicesView />
    </PrefetchedList>
  );
}
