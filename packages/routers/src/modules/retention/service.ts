import { type Clock, withoutSystemFields } from '@bytelyst/db/document-store';
import type { RegisteredJob } from '@bytelyst/scheduler/definition';
import { AppError } from '../../app-error';
import type { JobTrigger } from '../../lib/job-trigger';
import { DAY_MS, isoNow } from '../../lib/time';
import { CLEANUP_JOB, totals } from './cleanup';
import type { Actor, Holds } from './holds';
import type { Policies } from './policies';
import type { RetentionRepository, RunDoc } from './repository';
import type { TPreview, TRun } from './schema';
import type { Sweeper } from './sweeper';
import { TARGETS } from './targets';

/** A run as one product sees it: its own counts, and the total across the platform. */
const toRun = (doc: RunDoc, productId: string): TRun => {
  const d = withoutSystemFields(doc);
  return {
    id: d.id,
    jobRunId: d.jobRunId,
    trigger: d.trigger,
    status: d.status,
    startedAt: d.startedAt,
    finishedAt: d.finishedAt,
    durationMs: d.durationMs,
    progress: d.progress,
    removed: d.removed[productId] ?? {},
    exempt: d.exempt[productId] ?? {},
    totalRemoved: Object.values(totals(d.removed)).reduce((sum, n) => sum + n, 0),
    error: d.error,
    resumedFrom: d.resumedFrom,
  };
};

export const createRetentionService = (deps: {
  repo: RetentionRepository;
  policies: Policies;
  holds: Holds;
  sweeper: Sweeper;
  clock: Clock;
  jobs: JobTrigger;
  /** The cleanup job as registered (its compiled schedule) and whether it is paused; both exist once built. */
  schedule: () => Promise<{ job: RegisteredJob | undefined; enabled: boolean }>;
}) => {
  const { repo, clock } = deps;

  return {
    async listPolicies(productId: string) {
      const [items, latest, schedule] = await Promise.all([
        deps.policies.list(productId),
        repo.runs.list(1),
        deps.schedule(),
      ]);
      const job = schedule.job;
      const next = job && schedule.enabled ? job.schedule.nextN(1, clock())[0] : undefined;
      const last = latest.items[0];
      return {
        items,
        schedule: {
          job: CLEANUP_JOB,
          cron: job?.cron ?? '',
          timezone: job?.timezone ?? 'UTC',
          nextRunAt: next === undefined ? null : new Date(next).toISOString(),
          paused: !schedule.enabled,
        },
        lastRun: last ? toRun(last, productId) : null,
      };
    },

    setPolicy: deps.policies.set,

    /** How many documents each policy would remove if the cleanup ran now, and how many a hold keeps. */
    async preview(productId: string): Promise<TPreview> {
      const nowIso = isoNow(clock);
      const days = await deps.policies.days(productId);
      const held = (await deps.holds.heldUsers()).of(productId);
      const items = [];
      for (const target of TARGETS) {
        const d = days[target.key];
        const { due, exempt } = await deps.sweeper.count(target, { productId, nowIso }, d, held);
        items.push({
          container: target.key,
          days: d,
          cutoff: new Date(clock() - d * DAY_MS).toISOString(),
          wouldRemove: Math.max(0, due - exempt),
          exempt,
        });
      }
      return { at: nowIso, items };
    },

    /** Starts the cleanup now through the job runner (409 while a run is going on). */
    async trigger(actor: Actor) {
      const run = await deps.jobs.trigger(CLEANUP_JOB, actor);
      return { jobRunId: run.id };
    },

    async listRuns(productId: string, input: { limit?: number; cursor?: string }) {
      const page = await repo.runs.list(input.limit ?? 20, input.cursor);
      return { items: page.items.map((doc) => toRun(doc, productId)), nextCursor: page.continuation };
    },

    async getRun(productId: string, id: string): Promise<TRun> {
      const doc = await repo.runs.get(id);
      if (!doc)
        throw new AppError('NOT_FOUND', `Retention run '${id}' not found`, { reason: 'run_not_found' });
      return toRun(doc, productId);
    },

    createHold: deps.holds.create,
    releaseHold: deps.holds.release,
    listHolds: deps.holds.list,
    heldUsers: deps.holds.heldUsers,
  };
};

export type RetentionService = ReturnType<typeof createRetentionService>;
