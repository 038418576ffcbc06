import type { Metadata } from 'next';
import { ATTEMPTS_LIST, attemptsListInput } from '~/components/webhooks/attempts-list';
import { EndpointDetailView } from '~/components/webhooks/endpoint-detail-view';
import { PrefetchedList, type SearchParamsProp } from '~/server/prefetch-list';

export const metadata: Metadata = { title: 'Webhook endpoint' };

type Props = { params: Promise<{ id: string }>; searchParams: SearchParamsProp };

export default async function WebhookEndpointPage({ params, searchParams }: Props) {
  const id = decodeURIComponent((await params).id);
  return (
    <PrefetchedList
      searchParams={searchParams}
      list={ATTEMPTS_LIST}
      queries={(filters, page) => [
        { path: 'webhooks.endpoints.get', input: { id } },
        { path: 'webhooks.endpoints.listAttempts', input: attemptsListInput(id, filters, page) },
        { path: 'webhooks.endpoints.listRecoveries', input: { id } },
        { path: 'events.getCatalogue' },
      ]}
    >
      <EndpointDetailView id={id} />
    </PrefetchedList>
  );
}
