'use client';

import Link from 'next/link';
import { Fragment } from 'react';
import { Card } from '~/components/kit/card';
import { detailState } from '~/components/kit/detail-states';
import { PageHeader } from '~/components/kit/page-header';
import { formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { UserRef } from '../users/user-ref';
import styles from './feedback.module.css';
import { FeedbackActions } from './feedback-actions';
import { FeedbackStatusBadge, FeedbackTypeBadge, PLATFORM_LABELS, ScoreBadge, TYPE_LABELS } from './labels';

/** The entry's first line as its heading, cut to 120 characters; the fallback when there is none. */
const headline = (summary: string, fallback: string) => {
  const line = summary.split('\n')[0]?.trim() ?? '';
  if (line === '') return fallback;
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
};

export function FeedbackDetailView({ id }: { id: string }) {
  const query = trpc.feedback.get.useQuery({ id });
  const breadcrumb = (
    <>
      <Link href="/feedback">Feedback</Link>
      <span aria-hidden="true">/</span>
      <span>{id}</span>
    </>
  );
  const state = detailState(query, {
    noun: 'Feedback',
    breadcrumb,
    notFound: {
      title: 'This feedback does not exist in the selected product',
      body: <Link href="/feedback">Back to the inbox</Link>,
    },
  });
  if (state || !query.data) return state;
  const data = query.data;
  const text = data.description ?? data.message ?? data.comment;

  return (
    <>
      <PageHeader
        title={
          data.title ??
          headline(data.summary, `${TYPE_LABELS[data.type]} from ${PLATFORM_LABELS[data.platform]}`)
        }
        description={
          <span className="row">
            <FeedbackTypeBadge type={data.type} /> <FeedbackStatusBadge status={data.status} />
            {data.score !== null ? <ScoreBadge score={data.score} /> : null}
          </span>
        }
        breadcrumb={breadcrumb}
        actions={<FeedbackActions feedback={data} size="md" />}
      />
      <div className="grid grid-2">
        <div className="stack">
          <Card titleId="feedback-text-title" title="What the user wrote">
            {text ? <p className={styles.body}>{text}</p> : <p className="muted">No text.</p>}
            {data.steps.length > 0 ? (
              <>
                <h3 className="card-subtitle">Steps to reproduce</h3>
                <ol className={styles.steps}>
                  {data.steps.map((step, i) => (
                    // Steps are an ordered list without ids.
                    <li key={`${i}-${step}`}>{step}</li>
                  ))}
                </ol>
              </>
            ) : null}
          </Card>
          {data.screenshotUrl ? (
            <Card titleId="feedback-screenshot-title" title="Screenshot">
              <img
                className={styles.screenshot}
                src={data.screenshotUrl}
                alt="Screenshot attached by the user"
              />
            </Card>
          ) : null}
          {data.telemetry.length > 0 ? (
            <Card
              titleId="feedback-telemetry-title"
              title="Last telemetry events"
              subtitle="Newest first, as on submission"
            >
              <ol className={styles.comments}>
                {data.telemetry.map((event) => (
                  <li key={event.id}>
                    <span className="mono">{event.name}</span>{' '}
                    <span className="muted">
                      {event.level} · {formatDateTime(event.at)} · {event.appVersion}
                    </span>
                    {event.message ? <div className="muted">{event.message}</div> : null}
                  </li>
                ))}
              </ol>
            </Card>
          ) : null}
          <Card titleId="feedback-replies-title" title="Replies">
            {data.replies.length === 0 ? (
              <p className="muted">No reply yet.</p>
            ) : (
              <ol className={styles.replies}>
                {data.replies.map((reply) => (
                  <li key={reply.id}>
                    <div className={styles.commentMeta}>
                      <UserRef userId={reply.authorId} /> · {formatDateTime(reply.at)}
                    </div>
                    <p className={styles.body}>{reply.message}</p>
                  </li>
                ))}
              </ol>
            )}
          </Card>
        </div>
        <Card titleId="feedback-facts-title" title="Details">
          <dl className="dl">
            <dt>Feedback ID</dt>
            <dd className="mono">{data.id}</dd>
            <dt>From</dt>
            <dd>
              <UserRef userId={data.userId} />
            </dd>
            <dt>Platform</dt>
            <dd>{PLATFORM_LABELS[data.platform]}</dd>
            {data.device ? (
              <>
                <dt>Device</dt>
                <dd>{data.device.model}</dd>
                <dt>OS</dt>
                <dd>{data.device.os}</dd>
                <dt>App version</dt>
                <dd>{data.device.appVersion}</dd>
                <dt>Screen</dt>
                <dd>{data.device.screen}</dd>
              </>
            ) : null}
            {Object.entries(data.context).map(([key, value]) => (
              <Fragment key={key}>
                <dt>{key}</dt>
                <dd>{value}</dd>
              </Fragment>
            ))}
            <dt>Tracker item</dt>
            <dd>
              {data.trackerItemId ? (
                <Link className="table-link" href={`/tracker/${encodeURIComponent(data.trackerItemId)}`}>
                  {data.trackerItemId}
                </Link>
              ) : (
                '—'
              )}
              {data.trackerAction === 'voted' ? ' (voted for an existing item)' : ''}
            </dd>
            {data.dismissedReason ? (
              <>
                <dt>Dismissed because</dt>
                <dd>{data.dismissedReason}</dd>
              </>
            ) : null}
            <dt>Received</dt>
            <dd>{formatDateTime(data.createdAt)}</dd>
            <dt>Updated</dt>
            <dd>{formatDateTime(data.updatedAt)}</dd>
          </dl>
        </Card>
      </div>
    </>
  );
}
