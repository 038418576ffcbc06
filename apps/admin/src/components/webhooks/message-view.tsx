'use client';

import type { TWebhookAttempt } from '@bytelyst/routers/modules/webhooks/schema';
import Link from 'next/link';
import { Fragment } from 'react';
import { Badge } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { detailState } from '~/components/kit/detail-states';
import { Icon } from '~/components/kit/icon';
import { JsonBlock } from '~/components/kit/json-block';
import { PageHeader } from '~/components/kit/page-header';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { useNow } from '~/hooks/use-now';
import { formatDateTime, formatDuration } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { formatDue, isTestMessage } from './attempts-list';
import { endpointHref } from './endpoints-table';
import { isOpenMessage, MessageStatusBadge, ResponseCode, TRIGGER_LABELS } from './webhook-badges';
import styles from './webhooks.module.css';

/** The page follows a message while it waits for an attempt. */
const OPEN_REFRESH_MS = 1000;

/** The body as sent; pretty when it parses (it always should), as is otherwise. */
function Body({ body }: { body: string }) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  return parsed === undefined ? <pre className="code-block">{body}</pre> : <JsonBlock value={parsed} />;
}

function Attempt({ attempt, number }: { attempt: TWebhookAttempt; number: number }) {
  const titleId = `attempt-${number}`;
  const headers = Object.entries(attempt.requestHeaders);
  return (
    <li className={styles.attempt} aria-labelledby={titleId}>
      <div className={styles.attemptHead}>
        <h3 className={styles.attemptTitle} id={titleId}>
          Attempt {number}
        </h3>
        <Badge>{TRIGGER_LABELS[attempt.trigger]}</Badge>
        {attempt.succeeded ? <Badge tone="success">Succeeded</Badge> : <Badge tone="danger">Failed</Badge>}
        <ResponseCode code={attempt.responseCode} />
        <span className="muted tabular">{formatDuration(attempt.durationMs)}</span>
        <span className="spacer" />
        <time className="muted nowrap" dateTime={attempt.at}>
          {formatDateTime(attempt.at)}
        </time>
      </div>
      {attempt.error ? (
        <div className="alert alert-error">
          <Icon name="alert" size={16} />
          <code className="wrap-anywhere">{attempt.error}</code>
        </div>
      ) : null}
      <div className="grid grid-halves">
        <div className="stack-tight">
          <span className="detail-title">Request headers</span>
          <dl className={styles.headers}>
            {headers.map(([name, value]) => (
              <Fragment key={name}>
                <dt>{name}</dt>
                <dd>{value}</dd>
              </Fragment>
            ))}
          </dl>
        </div>
        <div className="stack-tight">
          <span className="detail-title">Response body</span>
          <pre className={`code-block ${styles.bodyBlock}`}>{attempt.responseBody || '(empty)'}</pre>
        </div>
      </div>
    </li>
  );
}

/** One message to one endpoint: what was sent, and every attempt with its request and answer. */
export function MessageView({ endpointId, messageId }: { endpointId: string; messageId: string }) {
  const now = useNow(5000);
  const message = trpc.webhooks.endpoints.getMessage.useQuery(
    { id: endpointId, messageId },
    {
      refetchInterval: (q) => (q.state.data && isOpenMessage(q.state.data.status) ? OPEN_REFRESH_MS : false),
    },
  );
  const endpoint = trpc.webhooks.endpoints.get.useQuery({ id: endpointId }, { staleTime: 30_000 });
  const resend = trpc.webhooks.resend.useMutation(
    useMutationFeedback({
      success: 'The message is queued again, with the same webhook-id.',
      invalidate: (u) => [u.webhooks.endpoints.invalidate()],
    }),
  );
  const breadcrumb = (
    <>
      <Link href="/ops/webhooks">Webhooks</Link>
      <span aria-hidden="true">/</span>
      <Link className="mono" href={endpointHref(endpointId)}>
        {endpoint.data ? new URL(endpoint.data.url).host : endpointId}
      </Link>
      <span aria-hidden="true">/</span>
      <span className="mono">{messageId}</span>
    </>
  );
  const state = detailState(message, {
    noun: 'Message',
    breadcrumb,
    notFound: {
      title: 'This message is not in the endpoint’s log',
      body: (
        <>
          Messages are kept 30 days. <Link href={endpointHref(endpointId)}>Back to the endpoint</Link>
        </>
      ),
    },
  });
  if (state || !message.data) return state;
  const data = message.data;
  const attempts = data.attempts.map((attempt, index) => ({ attempt, number: index + 1 })).reverse();

  return (
    <>
      <PageHeader
        title={data.eventType}
        breadcrumb={breadcrumb}
        description={
          <span className="row row-wrap">
            <MessageStatusBadge status={data.status} />
            <span>
              to <span className="mono">{endpoint.data?.url ?? endpointId}</span>
            </span>
          </span>
        }
        actions={
          <Button
            loading={resend.isPending}
            disabled={isOpenMessage(data.status)}
            onClick={() => resend.mutate({ id: data.messageId, endpointId })}
          >
            <Icon name="replay" size={14} />
            Resend
          </Button>
        }
      />
      <div className="grid grid-halves">
        <Card titleId="message-facts-title" title="Message">
          <dl className="dl dl-narrow">
            <dt>webhook-id</dt>
            <dd className="mono">{data.messageId}</dd>
            <dt>Event</dt>
            <dd>
              {isTestMessage(data.messageId) ? (
                <Badge tone="accent">Test send</Badge>
              ) : (
                <Link href={`/ops/events/${encodeURIComponent(data.messageId)}`}>Open in events</Link>
              )}
            </dd>
            <dt>Event time</dt>
            <dd>{formatDateTime(data.eventAt)}</dd>
            <dt>Status</dt>
            <dd>
              <MessageStatusBadge status={data.status} />
            </dd>
            <dt>Attempts</dt>
            <dd className="tabular">{data.attemptCount}</dd>
            <dt>Next attempt</dt>
            <dd>
              {isOpenMessage(data.status) && data.nextAttemptAt ? (
                <span title={formatDateTime(data.nextAttemptAt)}>{formatDue(data.nextAttemptAt, now)}</span>
              ) : (
                '—'
              )}
            </dd>
            <dt>Last error</dt>
            <dd>{data.lastError ? <code className="error-text">{data.lastError}</code> : '—'}</dd>
          </dl>
        </Card>
        <Card titleId="message-body-title" title="Body" subtitle="Exactly as sent, signed over these bytes">
          <Body body={data.body} />
        </Card>
      </div>
      <section className="card" aria-labelledby="message-attempts-title">
        <div className="card-header">
          <div>
            <h2 className="card-title" id="message-attempts-title">
              Attempts
            </h2>
            <p className="card-subtitle">
              Newest first, each with the headers sent and what the receiver answered
            </p>
          </div>
        </div>
        {attempts.length === 0 ? (
          <p className="card-body muted">No attempt yet: the first is on its way.</p>
        ) : (
          <ol className={styles.attempts}>
            {attempts.map(({ attempt, number }) => (
              <Attempt key={`${attempt.at}-${number}`} attempt={attempt} number={number} />
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
