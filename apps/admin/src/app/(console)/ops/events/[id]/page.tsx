import type { Metadata } from 'next';
import { EventDetailView } from '~/components/events/event-detail-view';
import { eventGetInput } from '~/components/events/events-list';
import { EventWebhookMessages } from '~/components/webhooks/event-webhook-messages';
import { searchParamsOf } from '~/lib/list-params';
import type { SearchParamsProp } from '~/server/prefetch-list';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'Event' };

type Props = { params: Promise<{ id: string }>; searchParams: SearchParamsProp };

export default async function EventPage({ params, searchParams }: Props) {
  const id = decodeURIComponent((await params).id);
  const product = searchParamsOf(await searchParams).get('product') ?? undefined;
  // Webhook messages are the selected product's: read only for an event of that product.
  const webhooks = product ? [] : [{ path: 'webhooks.listEventMessages', input: { eventId: id } }];
  return (
    <Prefetched
      queries={[
        { path: 'events.get', input: eventGetInput(id, product) },
        { path: 'events.getTimeline', input: eventGetInput(id, product) },
        ...webhooks,
      ]}
    >
      <EventDetailView id={id} />
      <EventWebhookMessages id={id} />
    </Prefetched>
  );
}
