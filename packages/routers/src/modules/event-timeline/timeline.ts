import type { TJobRun } from '@bytelyst/scheduler/schema';
import type { TAuditEntry } from '../audit/schema';
import type { TDeliveryDetail } from '../delivery/schema';
import type { TEventDetail } from '../events/schema';
import type { TWebhookMessageDetail } from '../webhooks/schema';
import { TIMELINE_KINDS, type TTimelineEntry, type TTimelineOutput } from './schema';

/** How long after an event its admin action's audit entry may be written (the middleware writes it after). */
export const AUDIT_WINDOW_MS = 60_000;

/** What the timeline reads, each looked up by the event's id (or, for the audit entry, its actor and time). */
export type TimelineSources = {
  event(productId: string, id: string): Promise<TEventDetail>;
  webhookMessages(productId: string, eventId: string): Promise<TWebhookMessageDetail[]>;
  deliveries(productId: string, eventId: string, eventAt: string): Promise<TDeliveryDetail[]>;
  /** The entry whose id is the event's (its own record), if any. */
  auditRecord(productId: string, eventId: string): Promise<TAuditEntry | undefined>;
  /** The actor's entries in [from, to], oldest first. */
  auditByActor(productId: string, actorId: string, from: string, to: string): Promise<TAuditEntry[]>;
  jobRuns(eventId: string): Promise<TJobRun[]>;
};

const RANK = new Map<string, number>(TIMELINE_KINDS.map((kind, i) => [kind, i]));

const enc = encodeURIComponent;

/** The string values of a payload, one level deep: the ids an admin action's target may be among. */
const idsOf = (data: Record<string, unknown>): Set<string> =>
  new Set(Object.values(data).filter((v): v is string => typeof v === 'string'));

const auditEntry = (entry: TAuditEntry, relation: 'records' | 'caused_by'): TTimelineEntry => ({
  kind: 'audit',
  at: entry.at,
  title: `${entry.action} by ${entry.actorEmail}`,
  status: relation === 'records' ? 'recorded' : 'caused this event',
  href: `/audit?action=${enc(entry.action)}&actorId=${enc(entry.actorId)}`,
  entryId: entry.id,
  action: entry.action,
  actorEmail: entry.actorEmail,
  relation,
});

const subscriberEntries = (event: TEventDetail): TTimelineEntry[] =>
  event.subscribers.map((d) => ({
    kind: 'subscriber',
    // When it first ran; one that has not run yet sits at the event's time.
    at: d.history[0]?.at ?? event.at,
    title: d.subscriber,
    status: d.status,
    href: null,
    subscriber: d.subscriber,
    attempts: d.attempts,
    error: d.lastError,
  }));

const webhookEntries = (message: TWebhookMessageDetail): TTimelineEntry[] => {
  const href = `/ops/webhooks/${enc(message.endpointId)}/messages/${enc(message.messageId)}`;
  return [
    {
      kind: 'webhook_message',
      at: message.createdAt,
      title: `Webhook message to endpoint ${message.endpointId}`,
      status: message.status,
      href,
      endpointId: message.endpointId,
      messageId: message.messageId,
      attemptCount: message.attemptCount,
    },
    ...message.attempts.map(
      (a, i): TTimelineEntry => ({
        kind: 'webhook_attempt',
        at: a.at,
        title: `Attempt ${i + 1} (${a.trigger}): ${a.responseCode ?? 'no answer'}`,
        status: a.succeeded ? 'succeeded' : 'failed',
        href,
        endpointId: message.endpointId,
        messageId: message.messageId,
        attempt: i + 1,
        trigger: a.trigger,
        responseCode: a.responseCode,
        durationMs: a.durationMs,
        error: a.error,
      }),
    ),
  ];
};

const deliveryEntry = (d: TDeliveryDetail): TTimelineEntry => ({
  kind: d.channel,
  at: d.createdAt,
  title: d.channel === 'email' ? `${d.template} mail to ${d.to}` : `${d.template} push to ${d.to}`,
  status: d.status,
  href: `/ops/delivery/${enc(d.id)}`,
  deliveryId: d.id,
  to: d.to,
  template: d.template,
  subscriber: d.causedBy?.subscriber ?? null,
  provider: d.provider,
});

const jobEntry = (run: TJobRun): TTimelineEntry => ({
  kind: 'job_run',
  at: run.startedAt,
  title: `Job ${run.jobName}`,
  status: run.status,
  href: `/ops/jobs/runs/${enc(run.id)}`,
  runId: run.id,
  jobName: run.jobName,
  trigger: run.trigger,
});

/**
 * Everything one event caused, oldest first: each subscriber's delivery, the webhook messages and their
 * attempts, the mails and pushes its subscribers sent, its audit entry and the job runs it started. Every
 * source is read by the event's id on an index (the audit entry of the admin action behind it by its actor
 * and time), so the page costs a handful of indexed reads however large the logs are.
 */
export const buildTimeline = async (
  sources: TimelineSources,
  productId: string,
  id: string,
): Promise<TTimelineOutput> => {
  const event = await sources.event(productId, id);
  const until = new Date(Date.parse(event.at) + AUDIT_WINDOW_MS).toISOString();
  const [messages, deliveries, record, byActor, runs] = await Promise.all([
    sources.webhookMessages(productId, id),
    sources.deliveries(productId, id, event.at),
    sources.auditRecord(productId, id),
    event.actorId ? sources.auditByActor(productId, event.actorId, event.at, until) : Promise.resolve([]),
    sources.jobRuns(id),
  ]);
  // The admin action behind the event names one of the event's ids as its target.
  const ids = idsOf(event.data);
  const cause = record
    ? undefined
    : byActor.find((entry) => entry.id !== id && entry.targetId !== null && ids.has(entry.targetId));
  const items: TTimelineEntry[] = [
    ...(record ? [auditEntry(record, 'records')] : []),
    ...(cause ? [auditEntry(cause, 'caused_by')] : []),
    ...subscriberEntries(event),
    ...messages.flatMap(webhookEntries),
    ...deliveries.map(deliveryEntry),
    ...runs.map(jobEntry),
  ];
  // Stable: entries of one kind and instant keep their order (a message's attempts stay in sequence).
  items.sort((a, b) =>
    a.at === b.at ? (RANK.get(a.kind) ?? 0) - (RANK.get(b.kind) ?? 0) : a.at < b.at ? -1 : 1,
  );
  return { eventId: event.id, type: event.type, productId: event.productId, at: event.at, items };
};
