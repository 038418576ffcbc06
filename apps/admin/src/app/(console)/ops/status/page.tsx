import type { Metadata } from 'next';
import { INCIDENTS_LIST, incidentsListInput } from '~/components/status/incidents-list';
import { StatusAdminView } from '~/components/status/status-admin-view';
import { env } from '~/env';
import { PrefetchedList, type SearchParamsProp } from '~/server/prefetch-list';

export const metadata: Metadata = { title: 'Status page' };

export default function StatusAdminPage({ searchParams }: { searchParams: SearchParamsProp }) {
  return (
    <PrefetchedList
      searchParams={searchParams}
      list={INCIDENTS_LIST}
      queries={(filters, page) => [
        { path: 'status.components.list' },
        { path: 'status.monitors.list' },
        { path: 'status.maintenance.list' },
        { path: 'status.subscribers.stats' },
        { path: 'status.incidents.list', input: incidentsListInput(filters, page) },
      ]}
    >
      <StatusAdminView apiUrl={env.API_PUBLIC_URL ?? env.API_URL} />
    </PrefetchedList>
  );
}
