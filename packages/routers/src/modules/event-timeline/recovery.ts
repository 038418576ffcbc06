import { type Clock, withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus, Subscriber } from '@bytelyst/events/bus';
import type { TJobRun } from '@bytelyst/scheduler/schema';
import { AppError } from '../../app-error';
import { randomId } from '../../lib/crypto';
import { DAY_MS, isoNow } from '../../lib/time';
import type { DeliveryRecovery } from '../delivery/recovery';
import type { TWebhookRecovery } from '../webhooks/schema';
import type { EventRecoveriesRepository, EventRecoveryDoc } from './repository';
import { RECOVERY_MAX_DAYS, type TEventRecovery, type TRecoveryPreview } from './schema';

type Actor = { id: string; email: string };

/** What a cross-channel recovery drives: each channel's own recover machinery. */
export type RecoveryChannels = {
  webhooks: {
    preview(
      productId: string,
      since: string,
    ): Promise<{ endpointId: string; url: string; messages: number }[]>;
    start(productId: string, endpointId: string, since: string, actorId: string): Promise<{ id: string }>;
    get(productId: string, id: string): Promise<TWebhookRecovery>;
  };
  delivery: DeliveryRecovery;
  jobs: {
    /** The product's (and the platform's) skipped slots since T, oldest first. */
    skippedSince(productId: string, since: string): Promise<TJobRun[]>;
    rerunSkipped(name: string, runId: string, actor: Actor): Promise<TJobRun | undefined>;
  };
};

const fieldError = (message: string) =>
  new AppError('VALIDATION', message, { fields: [{ path: 'since', message }] });

/**
 * Recover since T across channels, for one product: the webhook messages that did not succeed (one recover
 * run per endpoint, the webhooks module's own), the notifications that failed or are held (sent again), and
 * the job slots that were skipped (run after all). A preview counts first; the request commits the run with
 * `bus.recovery_requested` and its subscriber does the work, phase by phase, writing progress as it goes.
 */
export const createEventRecovery = (deps: {
  repo: EventRecoveriesRepository;
  clock: Clock;
  bus: EventBus;
  channels: RecoveryChannels;
}) => {
  const { repo, clock, bus, channels } = deps;

  const sinceOf = (since: string): string => {
    const at = Date.parse(since);
    if (at > clock()) throw fieldError('Must be a time in the past');
    if (at < clock() - RECOVERY_MAX_DAYS * DAY_MS) {
      throw fieldError(`Must be within the last ${RECOVERY_MAX_DAYS} days (what the logs keep)`);
    }
    return new Date(at).toISOString();
  };

  const preview = async (productId: string, since: string): Promise<TRecoveryPreview> => {
    const sinceIso = sinceOf(since);
    const [endpoints, notifications, skipped] = await Promise.all([
      channels.webhooks.preview(productId, sinceIso),
      channels.delivery.preview(productId, sinceIso),
      channels.jobs.skippedSince(productId, sinceIso),
    ]);
    const jobs = new Map<string, number>();
    for (const run of skipped) jobs.set(run.jobName, (jobs.get(run.jobName) ?? 0) + 1);
    const withMessages = endpoints.filter((e) => e.messages > 0);
    return {
      since: sinceIso,
      webhookMessages: withMessages.reduce((sum, e) => sum + e.messages, 0),
      notifications,
      jobSlots: skipped.length,
      endpoints: withMessages,
      jobs: [...jobs].map(([jobName, slots]) => ({ jobName, slots })),
    };
  };

  const save = (doc: EventRecoveryDoc, patch: Partial<EventRecoveryDoc>) =>
    repo.mutate(doc.productId, doc.id, (current) => ({ ...withoutSystemFields(current), ...patch }));

  /** One phase after another; each phase's work is safe to repeat, so a redelivery resumes at the phase. */
  const run = async (productId: string, id: string) => {
    let doc = await repo.get(productId, id);
    if (!doc || doc.phase === 'finished') return;
    const actor = { id: doc.createdBy, email: doc.createdByEmail };
    if (doc.phase === 'webhooks') {
      const ids: string[] = [...doc.webhookRecoveryIds];
      for (const endpoint of await channels.webhooks.preview(productId, doc.since)) {
        if (endpoint.messages === 0) continue;
        ids.push((await channels.webhooks.start(productId, endpoint.endpointId, doc.since, actor.id)).id);
      }
      doc = (await save(doc, { webhookRecoveryIds: ids, phase: 'notifications' }))?.doc ?? doc;
    }
    if (doc.phase === 'notifications') {
      const current = doc;
      const done = await channels.delivery.recover(productId, doc.since, async (progress) => {
        await save(current, { notifications: progress });
      });
      doc = (await save(doc, { notifications: done, phase: 'jobs' }))?.doc ?? doc;
    }
    if (doc.phase === 'jobs') {
      let { done, failed } = doc.jobSlots;
      for (const skipped of await channels.jobs.skippedSince(productId, doc.since)) {
        // One slot at a time: a job runs one run at once, and a recovery should not race its own runs.
        const result = await channels.jobs
          .rerunSkipped(skipped.jobName, skipped.id, actor)
          .catch(() => undefined);
        if (result?.status === 'succeeded') done += 1;
        else failed += 1;
        await save(doc, { jobSlots: { done, failed } });
      }
      await save(doc, { jobSlots: { done, failed }, phase: 'finished', finishedAt: isoNow(clock) });
    }
  };

  const subscriber: Subscriber<'bus.recovery_requested'> = {
    name: 'events.recover',
    events: ['bus.recovery_requested'],
    description:
      'Replays for one product since a time: failed webhook messages, failed or held notifications, skipped job slots.',
    timeoutMs: 10 * 60_000,
    async handle(event) {
      try {
        await run(event.productId, event.data.recoveryId);
      } catch (error) {
        const doc = await repo.get(event.productId, event.data.recoveryId);
        if (doc) await save(doc, { error: error instanceof Error ? error.message : String(error) });
        throw error;
      }
    },
  };

  /** The run as a person follows it: its own phases, and the endpoints' recover runs it started. */
  const view = async (doc: EventRecoveryDoc): Promise<TEventRecovery> => {
    const webhookRuns = await Promise.all(
      doc.webhookRecoveryIds.map((rid) => channels.webhooks.get(doc.productId, rid).catch(() => undefined)),
    );
    const webhooksDone = doc.phase !== 'webhooks' && webhookRuns.every((r) => r?.status !== 'running');
    const finished = doc.phase === 'finished' && webhooksDone;
    const { preview: counts } = doc;
    return {
      id: doc.id,
      since: doc.since,
      status: finished ? 'done' : doc.error ? 'failed' : 'running',
      createdAt: doc.createdAt,
      finishedAt: finished ? doc.finishedAt : null,
      error: doc.error,
      preview: counts,
      progress: {
        webhookMessages: {
          total: counts.webhookMessages,
          done: webhookRuns.reduce((sum, r) => sum + (r?.queued ?? 0), 0),
        },
        notifications: {
          total: counts.notifications.failed + counts.notifications.held,
          done: doc.notifications.failed + doc.notifications.held,
        },
        jobSlots: { total: counts.jobSlots, done: doc.jobSlots.done, failed: doc.jobSlots.failed },
      },
      webhookRecoveryIds: doc.webhookRecoveryIds,
    };
  };

  return {
    subscriber,
    preview,
    async start(productId: string, input: { since: string }, actor: Actor): Promise<TEventRecovery> {
      const counts = await preview(productId, input.since);
      const id = `erc_${randomId(9)}`;
      const doc: EventRecoveryDoc = {
        id,
        productId,
        since: counts.since,
        phase: 'webhooks',
        finishedAt: null,
        error: null,
        preview: {
          webhookMessages: counts.webhookMessages,
          notifications: counts.notifications,
          jobSlots: counts.jobSlots,
        },
        webhookRecoveryIds: [],
        notifications: { failed: 0, held: 0 },
        jobSlots: { done: 0, failed: 0 },
        createdAt: isoNow(clock),
        createdBy: actor.id,
        createdByEmail: actor.email,
      };
      const created = await repo.create(
        doc,
        bus.stage(
          'bus.recovery_requested',
          { recoveryId: id, since: counts.since },
          { productId, actorId: actor.id },
        ),
      );
      return view(created);
    },
    async get(productId: string, id: string): Promise<TEventRecovery> {
      const doc = await repo.get(productId, id);
      if (!doc) throw new AppError('NOT_FOUND', `Recovery '${id}' not found`);
      return view(doc);
    },
    async list(productId: string) {
      return { items: await Promise.all((await repo.latest(productId, 10)).map(view)) };
    },
  };
};

export type EventRecoveryService = ReturnType<typeof createEventRecovery>;
