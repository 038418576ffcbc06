'use client';

import type { TEventDetail } from '@bytelyst/routers/modules/events/schema';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { detailState } from '~/components/kit/detail-states';
import { Icon } from '~/components/kit/icon';
import { JsonBlock } from '~/components/kit/json-block';
import { PageHeader } from '~/components/kit/page-header';
import { EmptyState } from '~/components/kit/states';
import { useNow } from '~/hooks/use-now';
import { productLabel, scopeOfProduct, scopeSearch } from '~/lib/event-scope';
import { formatDateTime, formatRelative } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { DeliveryCard } from './delivery-card';
import { DeliveryCounts, EventStatusBadge, isOpenDelivery } from './event-badges';
import { EventTimeline } from './event-timeline';
import { eventGetInput } from './events-list';
import { useReplayEvent } from './use-replay-event';

/** The dispatcher polls every second; the page follows open deliveries at about the same pace. */
const OPEN_REFRESH_MS = 1000;

function Envelope({ event, now }: { event: TEventDetail; now: number }) {
  return (
    <Card titleId="envelope-title" title="Envelope">
      <dl className="dl">
        <dt>Event ID</dt>
        <dd className="mono">{event.id}</dd>
        <dt>Type</dt>
        <dd>
          <span className="mono">{event.type}</span> <span className="muted">· version {event.version}</span>
        </dd>
        <dt>Product</dt>
        <dd className="mono">{productLabel(event.productId)}</dd>
        <dt>Actor</dt>
        <dd className="mono">{event.actorId ?? 'System'}</dd>
        <dt>Emitted</dt>
        <dd>
          {formatDateTime(event.at)} <span className="muted">· {formatRelative(event.at, now)}</span>
        </dd>
        <dt>Sequence</dt>
        <dd className="mono">{event.seq}</dd>
        <dt>Status</dt>
        <dd>
          <EventStatusBadge status={event.status} />
        </dd>
        <dt>Deliveries</dt>
        <dd>
          <DeliveryCounts counts={event.deliveries} />
        </dd>
      </dl>
    </Card>
  );
}

export function EventDetailView({ id }: { id: string }) {
  const product = useSearchParams().get('product') ?? undefined;
  const now = useNow(5000);
  const replay = useReplayEvent();
  const event = trpc.events.get.useQuery(eventGetInput(id, product), {
    refetchInterval: (query) =>
      query.state.data?.subscribers.some((d) => isOpenDelivery(d.status)) ? OPEN_REFRESH_MS : false,
  });
  const breadcrumb = (
    <>
      <Link href={`/ops/events${scopeSearch(scopeOfProduct(product))}`}>Events</Link>
      <span aria-hidden="true">/</span>
      <span className="mono">{id}</span>
    </>
  );

  const state = detailState(event, {
    noun: 'Event',
    breadcrumb,
    notFound: {
      title: 'This event does not exist in this product',
      body: (
        <>
          Events are kept per product; it may belong to another one.{' '}
          <Link href="/ops/events">Back to events</Link>
        </>
      ),
    },
  });
  if (state || !event.data) return state;

  const data = event.data;
  const ref = { id: data.id, ...(product ? { productId: product } : {}) };
  const dead = data.subscribers.filter((d) => d.status === 'dead').length;
  return (
    <>
      <PageHeader
        title={data.type}
        breadcrumb={breadcrumb}
        description={
          <span className="row">
            <EventStatusBadge status={data.status} />
            <span>
              Emitted {formatRelative(data.at, now)} to {data.subscribers.length} subscriber
              {data.subscribers.length === 1 ? '' : 's'}
            </span>
          </span>
        }
        actions={
          dead > 1 ? (
            <Button loading={replay.isReplaying(data.id)} onClick={() => replay.mutate(ref)}>
              <Icon name="replay" size={14} />
              Replay {dead} dead deliveries
            </Button>
          ) : null
        }
      />
      <div className="grid grid-halves">
        <Envelope event={data} now={now} />
        <Card titleId="payload-title" title="Payload" subtitle="The event's data as subscribers receive it">
          <JsonBlock value={data.data} />
        </Card>
      </div>
      <EventTimeline id={data.id} />
      <section className="stack" aria-labelledby="deliveries-title">
        <h2 className="section-title" id="deliveries-title">
          Deliveries
        </h2>
        {data.subscribers.length === 0 ? (
          <div className="card">
            <EmptyState title="No subscriber listens to this event type" />
          </div>
        ) : (
          data.subscribers.map((delivery) => (
            <DeliveryCard
              key={delivery.subscriber}
              delivery={delivery}
              now={now}
              replaying={replay.isReplaying(data.id, delivery.subscriber)}
              onReplay={() => replay.mutate({ ...ref, subscriber: delivery.subscriber })}
            />
          ))
        )}
      </section>
    </>
  );
}
