import type { Metadata } from 'next';
import { WebhooksView } from '~/components/webhooks/webhooks-view';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'Webhooks' };

export default function WebhooksPage() {
  return (
    <Prefetched queries={[{ path: 'webhooks.endpoints.list' }, { path: 'events.getCatalogue' }]}>
      <WebhooksView />
    </Prefetched>
  );
}
