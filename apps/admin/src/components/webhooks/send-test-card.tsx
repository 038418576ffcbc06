'use client';

import type { TWebhookEndpoint } from '@bytelyst/routers/modules/webhooks/schema';
import Link from 'next/link';
import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { SelectField } from '~/components/kit/field';
import { Icon } from '~/components/kit/icon';
import { JsonBlock } from '~/components/kit/json-block';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorMessage } from '~/lib/api-errors';
import { formatDuration } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { messageHref } from './attempts-list';
import { usePublicEvents } from './use-public-events';
import { MessageStatusBadge, ResponseCode } from './webhook-badges';
import styles from './webhooks.module.css';

/** Whether the endpoint's filter takes `type` (the API's rule: exact, `domain.*`, `*` or empty). */
const takes = (filter: readonly string[], type: string) =>
  filter.length === 0 ||
  filter.some(
    (entry) =>
      entry === '*' || entry === type || (entry.endsWith('.*') && type.startsWith(entry.slice(0, -1))),
  );

/** Sends the catalogue's example of a public event now and shows what the receiver answered. */
export function SendTestCard({ endpoint }: { endpoint: TWebhookEndpoint }) {
  const { events } = usePublicEvents();
  const [chosen, setChosen] = useState('');
  // The first type the endpoint subscribes to, until one is picked.
  const type =
    chosen || events.find((entry) => takes(endpoint.eventTypes, entry.type))?.type || events[0]?.type || '';
  const entry = events.find((e) => e.type === type);
  const send = trpc.webhooks.endpoints.sendTest.useMutation(
    useMutationFeedback({ invalidate: (u) => [u.webhooks.endpoints.invalidate()], error: false }),
  );
  const result = send.data;
  const attempt = result?.attempts[result.attempts.length - 1];

  return (
    <Card
      titleId="send-test-title"
      title="Send test event"
      subtitle="The catalogue's example payload, signed like any message, sent now and not retried."
      bodyClassName="stack"
    >
      <div className="filters">
        <SelectField
          className="field-grow"
          label="Test event type"
          value={type}
          options={events.map((e) => ({
            value: e.type,
            label: takes(endpoint.eventTypes, e.type) ? e.type : `${e.type} (not subscribed)`,
          }))}
          onChange={(event) => {
            setChosen(event.target.value);
            send.reset();
          }}
        />
        <Button
          variant="primary"
          loading={send.isPending}
          disabled={!type}
          onClick={() => send.mutate({ id: endpoint.id, eventType: type })}
        >
          <Icon name="send" size={14} />
          Send test
        </Button>
      </div>
      {entry ? (
        <div className="stack-tight">
          <p className="muted">{entry.description}</p>
          <details className="disclosure">
            <summary>JSON Schema</summary>
            <JsonBlock value={entry.schema} />
          </details>
          <details className="disclosure">
            <summary>Example payload</summary>
            <JsonBlock value={entry.example} />
          </details>
        </div>
      ) : null}
      {send.error ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(send.error)}
        </div>
      ) : null}
      {result && attempt ? (
        <section className={styles.result} aria-label="Test result" aria-live="polite">
          <div className="row row-wrap">
            <MessageStatusBadge status={result.status} />
            <ResponseCode code={attempt.responseCode} />
            <span className="muted tabular">{formatDuration(attempt.durationMs)}</span>
            <span className="spacer" />
            <Link href={messageHref(result.endpointId, result.messageId)}>Open message</Link>
          </div>
          {attempt.error ? <code className="error-text">{attempt.error}</code> : null}
          <div className="stack-tight">
            <span className="detail-title">Response body</span>
            <pre className={`code-block ${styles.bodyBlock}`}>{attempt.responseBody || '(empty)'}</pre>
          </div>
        </section>
      ) : null}
    </Card>
  );
}
