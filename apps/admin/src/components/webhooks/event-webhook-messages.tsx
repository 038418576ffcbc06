'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { type Column, DataTable, tableStateOf } from '~/components/kit/data-table';
import { Icon } from '~/components/kit/icon';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorMessage } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';
import { eventGetInput } from '../events/events-list';
import { messageHref } from './attempts-list';
import { endpointHref } from './endpoints-table';
import { isOpenMessage, MessageStatusBadge, ResponseCode } from './webhook-badges';

const COLUMNS: readonly Column[] = [
  { label: 'Endpoint' },
  { label: 'Status' },
  { label: 'Attempts' },
  { label: 'Last response' },
  { label: 'Message', className: 'cell-actions' },
];

const OPEN_REFRESH_MS = 1500;

/**
 * The webhook messages an event produced (one per endpoint), on the event's page, with "send to webhooks
 * again". Webhooks are per product: shown for events of the selected product once the event has loaded.
 */
export function EventWebhookMessages({ id }: { id: string }) {
  const product = useSearchParams().get('product') ?? undefined;
  const event = trpc.events.get.useQuery(eventGetInput(id, product));
  if (product !== undefined || !event.data) return null;
  return <WebhookMessagesCard eventId={id} eventType={event.data.type} />;
}

function WebhookMessagesCard({ eventId, eventType }: { eventId: string; eventType: string }) {
  const [confirming, setConfirming] = useState(false);
  const catalogue = trpc.events.getCatalogue.useQuery(undefined, { staleTime: Number.POSITIVE_INFINITY });
  const endpoints = trpc.webhooks.endpoints.list.useQuery(undefined, { staleTime: 30_000 });
  const messages = trpc.webhooks.listEventMessages.useQuery(
    { eventId },
    {
      refetchInterval: (q) =>
        q.state.data?.items.some((item) => isOpenMessage(item.status)) ? OPEN_REFRESH_MS : false,
    },
  );
  const replay = trpc.webhooks.replayEvent.useMutation(
    useMutationFeedback({
      success: ({ queued }) =>
        queued === 0
          ? 'No endpoint subscribes to this event now: nothing was sent.'
          : `Sending ${eventType} again to ${queued} endpoint${queued === 1 ? '' : 's'}.`,
      onDone: () => setConfirming(false),
      invalidate: (u) => [
        u.webhooks.listEventMessages.invalidate({ eventId }),
        u.webhooks.endpoints.invalidate(),
      ],
      error: false,
    }),
  );
  const internal = catalogue.data?.events.find((entry) => entry.type === eventType)?.public === false;
  const urls = new Map((endpoints.data?.items ?? []).map((e) => [e.id, e.url]));
  if (internal) {
    return (
      <Card titleId="webhook-messages-title" title="Webhook messages">
        <p className="muted">
          <span className="mono">{eventType}</span> is an internal event: webhook endpoints never receive it.
        </p>
      </Card>
    );
  }

  return (
    <section className="card" aria-labelledby="webhook-messages-title">
      <div className="card-header">
        <div>
          <h2 className="card-title" id="webhook-messages-title">
            Webhook messages
          </h2>
          <p className="card-subtitle">One per endpoint the event was sent to, with the same webhook-id</p>
        </div>
        <Button size="sm" onClick={() => setConfirming(true)}>
          <Icon name="replay" size={14} />
          Send to webhooks again
        </Button>
      </div>
      <DataTable
        {...tableStateOf(messages)}
        columns={COLUMNS}
        rows={messages.data?.items ?? []}
        emptyTitle="No webhook message for this event"
        emptyHint={
          <>
            No enabled endpoint subscribed to <span className="mono">{eventType}</span> when it happened.{' '}
            <Link href="/ops/webhooks">Manage endpoints</Link>
          </>
        }
        renderRow={(message) => (
          <tr key={message.id}>
            <td className="cell-wrap">
              <Link className="mono" href={endpointHref(message.endpointId)}>
                {urls.get(message.endpointId) ?? message.endpointId}
              </Link>
            </td>
            <td>
              <MessageStatusBadge status={message.status} />
            </td>
            <td className="tabular">{message.attemptCount}</td>
            <td>
              {message.attemptCount === 0 ? (
                <span className="cell-muted">—</span>
              ) : (
                <ResponseCode code={message.lastResponseCode} />
              )}
            </td>
            <td className="cell-actions">
              <Link href={messageHref(message.endpointId, message.messageId)}>Open message</Link>
            </td>
          </tr>
        )}
      />
      <ConfirmDialog
        open={confirming}
        title="Send this event to webhooks again?"
        description={`Every endpoint that subscribes to ${eventType} now gets it again, with the same webhook-id, so receivers that deduplicate ignore a copy they already processed.`}
        confirmLabel="Send again"
        variant="primary"
        pending={replay.isPending}
        error={replay.error ? errorMessage(replay.error) : null}
        onConfirm={() => replay.mutate({ eventId })}
        onClose={() => {
          replay.reset();
          setConfirming(false);
        }}
      />
    </section>
  );
}
