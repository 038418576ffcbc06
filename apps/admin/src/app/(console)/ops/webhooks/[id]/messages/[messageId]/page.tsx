import type { Metadata } from 'next';
import { MessageView } from '~/components/webhooks/message-view';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'Webhook message' };

type Props = { params: Promise<{ id: string; messageId: string }> };

export default async function WebhookMessagePage({ params }: Props) {
  const { id, messageId } = await params;
  const endpointId = decodeURIComponent(id);
  const message = decodeURIComponent(messageId);
  return (
    <Prefetched
      queries={[
        { path: 'webhooks.endpoints.getMessage', input: { id: endpointId, messageId: message } },
        { path: 'webhooks.endpoints.get', input: { id: endpointId } },
      ]}
    >
      <MessageView endpointId={endpointId} messageId={message} />
    </Prefetched>
  );
}
