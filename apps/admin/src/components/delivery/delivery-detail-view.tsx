'use client';

import type { TDeliveryDetail } from '@bytelyst/routers/modules/delivery/schema';
import Link from 'next/link';
import { useState } from 'react';
import { Badge } from '~/components/kit/badge';
import { Card } from '~/components/kit/card';
import { detailState } from '~/components/kit/detail-states';
import { JsonBlock } from '~/components/kit/json-block';
import { PageHeader } from '~/components/kit/page-header';
import { EmptyState } from '~/components/kit/states';
import { useNow } from '~/hooks/use-now';
import { formatDateTime, formatRelative, titleCase } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import styles from './delivery.module.css';
import { CHANNEL_LABELS, DeliveryStatusBadge, isInFlight } from './delivery-badges';
import { EmailFrame, PlainText } from './email-frame';
import { ViewTabs } from './view-tabs';

/** The dispatcher sends within a second or two; the page follows a message until it leaves the queue. */
const IN_FLIGHT_REFRESH_MS = 1000;

const HOLD_REASONS = {
  quiet_hours: 'Quiet hours',
  daily_cap: 'Daily cap',
  maintenance: 'Maintenance',
} as const;

function Facts({ message, now }: { message: TDeliveryDetail; now: number }) {
  return (
    <Card titleId="message-title" title="Message">
      <dl className="dl">
        <dt>Recipient</dt>
        <dd className="mono">{message.to}</dd>
        {message.userId ? (
          <>
            <dt>User</dt>
            <dd>
              <Link className="mono" href={`/users/${encodeURIComponent(message.userId)}`}>
                {message.userId}
              </Link>
            </dd>
          </>
        ) : null}
        <dt>{message.channel === 'push' ? 'Push type' : 'Template'}</dt>
        <dd className="mono">{message.template}</dd>
        <dt>Channel</dt>
        <dd>
          {CHANNEL_LABELS[message.channel]} <span className="muted">· {titleCase(message.category)}</span>
          {message.transactional ? (
            <>
              {' '}
              <Badge>Transactional</Badge>
            </>
          ) : null}
          {message.test ? (
            <>
              {' '}
              <Badge tone="accent">Test</Badge>
            </>
          ) : null}
        </dd>
        <dt>Status</dt>
        <dd>
          <DeliveryStatusBadge status={message.status} />
        </dd>
        <dt>Provider</dt>
        <dd className={message.provider ? 'mono' : 'muted'}>
          {message.provider ?? 'Not handed over yet'}
          {message.fellBackFrom ? (
            <span className="muted"> · fell back from {message.fellBackFrom}</span>
          ) : null}
        </dd>
        <dt>Message ID</dt>
        <dd className={message.providerMessageId ? 'mono' : 'muted'}>{message.providerMessageId ?? '—'}</dd>
        <dt>Attempts</dt>
        <dd className="tabular">{message.attempts}</dd>
        {message.holdUntil ? (
          <>
            <dt>Held until</dt>
            <dd>
              {formatDateTime(message.holdUntil)}{' '}
              <span className="muted">
                · {message.holdReason ? HOLD_REASONS[message.holdReason] : 'held'}
              </span>
            </dd>
          </>
        ) : null}
        <dt>Error</dt>
        <dd>{message.error ? <code className="error-text">{message.error}</code> : '—'}</dd>
        <dt>Created</dt>
        <dd>
          {formatDateTime(message.createdAt)}{' '}
          <span className="muted">· {formatRelative(message.createdAt, now)}</span>
        </dd>
      </dl>
    </Card>
  );
}

function Timeline({ message }: { message: TDeliveryDetail }) {
  return (
    <Card titleId="timeline-title" title="Timeline" subtitle="Every status the message reached, oldest first">
      {message.timeline.length === 0 ? (
        <p className="muted">No status yet.</p>
      ) : (
        <ol className={styles.timeline}>
          {message.timeline.map((item, index) => (
            <li key={`${item.status}:${item.at}:${index}`} className={styles.timelineItem}>
              <div className="row row-tight">
                <DeliveryStatusBadge status={item.status} />
                <time className="muted nowrap" dateTime={item.at}>
                  {formatDateTime(item.at)}
                </time>
              </div>
              {item.detail ? <p className={styles.timelineDetail}>{item.detail}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

/** A provider's answer is usually JSON; shown pretty when it parses, as sent when it does not. */
function ProviderResponse({ response }: { response: string | null }) {
  let parsed: unknown;
  try {
    parsed = response === null ? undefined : JSON.parse(response);
  } catch {
    parsed = undefined;
  }
  return (
    <Card
      titleId="provider-response-title"
      title="Provider response"
      subtitle="What the provider answered when the message was handed over"
    >
      {response === null ? (
        <p className="muted">No answer recorded.</p>
      ) : parsed === undefined ? (
        <pre className="code-block">{response}</pre>
      ) : (
        <JsonBlock value={parsed} />
      )}
    </Card>
  );
}

type BodyTab = 'html' | 'text';

function EmailBody({ message }: { message: TDeliveryDetail }) {
  const [tab, setTab] = useState<BodyTab>(message.html ? 'html' : 'text');
  if (!message.html && !message.text) {
    return (
      <div className="card">
        <EmptyState title="No body stored">
          The message was not rendered, e.g. it was suppressed first.
        </EmptyState>
      </div>
    );
  }
  return (
    <Card titleId="body-title" title="Body" subtitle={message.subject ?? undefined}>
      <ViewTabs
        label="Body format"
        tabs={[
          { id: 'html', label: 'HTML' },
          { id: 'text', label: 'Plain text' },
        ]}
        value={tab}
        onChange={setTab}
      >
        {tab === 'html' ? (
          message.html ? (
            <EmailFrame html={message.html} title={`Body of ${message.subject ?? message.template}`} />
          ) : (
            <p className="muted">No HTML part.</p>
          )
        ) : (
          <PlainText text={message.text ?? ''} />
        )}
      </ViewTabs>
    </Card>
  );
}

function PushBody({ message }: { message: TDeliveryDetail }) {
  const push = message.push;
  return (
    <Card titleId="push-title" title="Push">
      {push ? (
        <dl className="dl">
          <dt>Type</dt>
          <dd className="mono">{push.type}</dd>
          <dt>Title</dt>
          <dd>{push.title}</dd>
          <dt>Body</dt>
          <dd>{push.body}</dd>
          <dt>Data</dt>
          <dd>{push.data ? <JsonBlock value={push.data} /> : <span className="muted">None</span>}</dd>
        </dl>
      ) : (
        <p className="muted">No push content stored.</p>
      )}
    </Card>
  );
}

export function DeliveryDetailView({ id }: { id: string }) {
  const now = useNow(5000);
  const message = trpc.delivery.get.useQuery(
    { id },
    {
      refetchInterval: (query) =>
        query.state.data && isInFlight(query.state.data.status) ? IN_FLIGHT_REFRESH_MS : false,
    },
  );
  const breadcrumb = (
    <>
      <Link href="/ops/delivery">Delivery</Link>
      <span aria-hidden="true">/</span>
      <span className="mono">{id}</span>
    </>
  );
  const state = detailState(message, {
    noun: 'Message',
    breadcrumb,
    notFound: {
      title: 'This message does not exist in this product',
      body: (
        <>
          The log is kept per product; it may belong to another one.{' '}
          <Link href="/ops/delivery">Back to the log</Link>
        </>
      ),
    },
  });
  if (state || !message.data) return state;
  const data = message.data;
  const title =
    data.channel === 'push' ? (data.push?.title ?? data.template) : (data.subject ?? data.template);

  return (
    <>
      <PageHeader
        title={title}
        breadcrumb={breadcrumb}
        description={
          <span className="row row-wrap">
            <DeliveryStatusBadge status={data.status} />
            <span>
              {CHANNEL_LABELS[data.channel]} to <span className="mono">{data.to}</span>,{' '}
              {formatRelative(data.createdAt, now)}
              {data.provider ? ` through ${data.provider}` : ''}
            </span>
          </span>
        }
      />
      <div className="grid grid-halves">
        <Facts message={data} now={now} />
        <Timeline message={data} />
      </div>
      {data.channel === 'push' ? <PushBody message={data} /> : <EmailBody message={data} />}
      <ProviderResponse response={data.providerResponse} />
    </>
  );
}
