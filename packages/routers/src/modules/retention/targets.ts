import { CONTAINERS } from '@bytelyst/db/containers';
import type { ContainerDef, Filter } from '@bytelyst/db/document-store';
import { AUDIT_CONTAINERS } from '../audit/containers';
import { DELIVERY_CONTAINERS } from '../delivery/containers';
import { DELIVERY_STATUSES } from '../delivery/schema';
import { SESSIONS_CONTAINERS } from '../sessions/containers';
import { TELEMETRY_CONTAINERS } from '../telemetry/containers';
import { WEBHOOK_CONTAINERS } from '../webhooks/containers';
import type { TRetentionContainer } from './schema';

type Doc = Record<string, unknown> & { id: string };

/**
 * One container a policy governs: where a document's age and its user are read from, and which documents are
 * settled enough to go. Documents another module is still working on (a queued mail, an event with deliveries
 * open, a running job) are left to it whatever their age.
 */
export type DocumentTarget = {
  kind: 'documents';
  key: Exclude<TRetentionContainer, 'export_files'>;
  def: ContainerDef;
  timeField: string;
  /** The fields naming the document's user, for legal holds (dotted paths reach into the event's data). */
  userFields: readonly string[];
  /** Product-partitioned containers are walked one partition at a time; the others filter on `productId`. */
  byPartition: boolean;
  /** Documents in these states only: the cleanup never removes, nor pins, one its module is still working on. */
  settled?: Filter<Doc>;
  /** More that a document must meet before it is removed (not before it is pinned). */
  due?: (nowIso: string) => Filter<Doc>;
  /** Filters that find one user's documents (any of them). */
  userFilters(userId: string): Filter<Doc>[];
  /** Whether a document belongs to one of these users. */
  heldBy(doc: Doc, held: ReadonlySet<string>): boolean;
};

export type FilesTarget = {
  kind: 'files';
  key: 'export_files';
  timeField: string;
  userFields: readonly string[];
};

export type RetentionTarget = DocumentTarget | FilesTarget;

const DAY_SECONDS = 24 * 60 * 60;

/** The catalogue TTL of a container, in days; null when its documents never expire on their own. */
export const ttlDaysOf = (def: ContainerDef): number | null =>
  def.defaultTtl ? def.defaultTtl / DAY_SECONDS : null;

const valueAt = (doc: Doc, path: string): unknown =>
  path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | null)?.[key], doc);

const byFields = (
  key: DocumentTarget['key'],
  def: ContainerDef,
  timeField: string,
  userFields: readonly string[],
  extra: Partial<Pick<DocumentTarget, 'settled' | 'due' | 'byPartition'>> = {},
): DocumentTarget => ({
  kind: 'documents',
  key,
  def,
  timeField,
  userFields,
  byPartition: extra.byPartition ?? false,
  ...(extra.settled ? { settled: extra.settled } : {}),
  ...(extra.due ? { due: extra.due } : {}),
  userFilters: (userId) => userFields.map((field) => ({ [field]: { eq: userId } })),
  heldBy: (doc, held) =>
    userFields.some((field) => {
      const value = valueAt(doc, field);
      return typeof value === 'string' && held.has(value);
    }),
});

const IN_FLIGHT_MAIL = ['queued', 'held'];

/** The eight policies of roadmap §2.23 and the issue, in the order the console lists them. */
export const TARGETS: readonly RetentionTarget[] = [
  byFields('audit_log', AUDIT_CONTAINERS.auditLog, 'at', ['actorId', 'targetId'], { byPartition: true }),
  byFields('telemetry_events', TELEMETRY_CONTAINERS.telemetryEvents, 'receivedAt', ['userId'], {
    byPartition: true,
  }),
  // An idle session goes only once it has expired too: a policy never signs anyone out.
  byFields('sessions', SESSIONS_CONTAINERS.sessions, 'lastActiveAt', ['userId'], {
    due: (nowIso) => ({ expiresAt: { lt: nowIso } }),
  }),
  { kind: 'files', key: 'export_files', timeField: 'finishedAt', userFields: ['createdBy'] },
  byFields('delivery_log', DELIVERY_CONTAINERS.deliveryLog, 'createdAt', ['userId'], {
    settled: { status: { in: DELIVERY_STATUSES.filter((s) => !IN_FLIGHT_MAIL.includes(s)) } },
  }),
  {
    // A webhook message names no user of its own; its signed body (the event) does.
    kind: 'documents',
    key: 'webhook_deliveries',
    def: WEBHOOK_CONTAINERS.webhookDeliveries,
    timeField: 'eventAt',
    userFields: ['body'],
    byPartition: false,
    settled: { status: { in: ['succeeded', 'failed'] } },
    userFilters: (userId) => [{ body: { contains: userId } }],
    heldBy: (doc, held) =>
      typeof doc.body === 'string' && [...held].some((id) => (doc.body as string).includes(id)),
  },
  byFields('job_runs', CONTAINERS.jobRuns, 'startedAt', ['actorId'], {
    settled: { status: { in: ['succeeded', 'failed', 'timed_out', 'skipped'] } },
  }),
  byFields('events', CONTAINERS.events, 'at', ['actorId', 'data.userId'], {
    byPartition: true,
    // `dead_lettered` is set while other deliveries may still retry; `dueAt` is null once none is open.
    settled: { status: { in: ['delivered', 'dead_lettered'] }, dueAt: { eq: null } },
  }),
];

export const targetOf = (key: TRetentionContainer): RetentionTarget => {
  const target = TARGETS.find((t) => t.key === key);
  if (!target) throw new Error(`No retention target ${key}`);
  return target;
};
