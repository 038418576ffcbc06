'use client';

import type { TTimelineEntry } from '@bytelyst/routers/modules/event-timeline/schema';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { Badge, type Tone } from '~/components/kit/badge';
import { Card } from '~/components/kit/card';
import { formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { eventGetInput } from './events-list';
import styles from './timeline.module.css';

const KIND_LABELS: Record<TTimelineEntry['kind'], string> = {
  audit: 'Audit',
  subscriber: 'Subscriber',
  webhook_message: 'Webhook',
  webhook_attempt: 'Attempt',
  email: 'Email',
  push: 'Push',
  job_run: 'Job',
};

const GOOD = ['succeeded', 'sent', 'delivered', 'opened', 'clicked', 'recorded'];
const BAD = ['failed', 'dead', 'bounced', 'dropped', 'spam_report', 'timed_out'];
const WAITING = ['pending', 'retrying', 'queued', 'held', 'deferred', 'running'];

const toneOf = (status: string): Tone =>
  GOOD.includes(status)
    ? 'success'
    : BAD.includes(status)
      ? 'danger'
      : WAITING.includes(status)
        ? 'warning'
        : status === 'caused this event'
          ? 'info'
          : 'neutral';

/** The second line of an entry: what a support engineer asks next (which attempt, which error, who sent it). */
const detailOf = (entry: TTimelineEntry): string | null => {
  switch (entry.kind) {
    case 'subscriber':
      return `${entry.attempts} attempt${entry.attempts === 1 ? '' : 's'}${entry.error ? ` · ${entry.error}` : ''}`;
    case 'webhook_message':
      return `${entry.attemptCount} attempt${entry.attemptCount === 1 ? '' : 's'}`;
    case 'webhook_attempt':
      return `${entry.durationMs} ms${entry.error ? ` · ${entry.error}` : ''}`;
    case 'email':
    case 'push':
      return (
        [
          entry.subscriber ? `sent by ${entry.subscriber}` : null,
          entry.provider ? `via ${entry.provider}` : null,
        ]
          .filter(Boolean)
          .join(' · ') || null
      );
    case 'audit':
      return entry.relation === 'caused_by'
        ? 'The admin action that made this change'
        : 'This event’s own record';
    case 'job_run':
      return `${entry.trigger} run`;
  }
};

const OPEN_REFRESH_MS = 1500;

/** How long after the event an entry happened: the minute a date shows hides the order within it. */
const offsetOf = (eventAt: string, at: string): string => {
  const ms = Date.parse(at) - Date.parse(eventAt);
  if (ms < 1000) return `+${Math.max(0, ms)} ms`;
  if (ms < 60_000) return `+${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `+${Math.round(ms / 60_000)} min`;
  return `+${(ms / 3_600_000).toFixed(1)} h`;
};

/** Everything the event caused, oldest first, each entry linking to its own page where it has one. */
export function EventTimeline({ id }: { id: string }) {
  const product = useSearchParams().get('product') ?? undefined;
  const timeline = trpc.events.getTimeline.useQuery(eventGetInput(id, product), {
    refetchInterval: (query) =>
      query.state.data?.items.some((item) => WAITING.includes(item.status)) ? OPEN_REFRESH_MS : false,
  });
  const items = timeline.data?.items ?? [];
  const eventAt = timeline.data?.at ?? '';
  return (
    <Card
      titleId="timeline-title"
      title="Timeline"
      subtitle="Everything this event caused, oldest first: subscribers, webhooks, mail and push, audit, jobs"
    >
      {timeline.isLoading ? (
        <p className="muted">Loading the timeline…</p>
      ) : timeline.error ? (
        <p className="field-error">The timeline could not be loaded: {timeline.error.message}</p>
      ) : items.length === 0 ? (
        <p className="muted">Nothing happened because of this event yet.</p>
      ) : (
        <ol className={styles.timeline} aria-label="Event timeline">
          {items.map((entry, index) => {
            const detail = detailOf(entry);
            return (
              <li key={`${entry.kind}:${entry.at}:${index}`} className={styles.item} data-kind={entry.kind}>
                <div className="row row-tight">
                  <time className="muted nowrap tabular" dateTime={entry.at}>
                    {formatDateTime(entry.at)}
                  </time>
                  <span className="muted nowrap tabular">{offsetOf(eventAt, entry.at)}</span>
                  <Badge tone="accent">{KIND_LABELS[entry.kind]}</Badge>
                  {entry.href ? (
                    <Link href={entry.href} className="mono">
                      {entry.title}
                    </Link>
                  ) : (
                    <span className="mono">{entry.title}</span>
                  )}
                  <Badge tone={toneOf(entry.status)} dot>
                    {entry.status}
                  </Badge>
                </div>
                {detail ? <p className={styles.detail}>{detail}</p> : null}
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
