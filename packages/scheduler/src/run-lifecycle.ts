import type { Outbox } from '@bytelyst/db/document-store';
import type { LeaseManager } from '@bytelyst/db/leases';
import type { EventBus } from '@bytelyst/events/bus';
import type { RegisteredJob } from './definition';
import { newDefinitionDoc } from './evaluate';
import { type ExecuteDeps, executeRun } from './execute';
import type { JobsRepository } from './repository';
import { errorMessage } from './run-log';
import type { TJobRun, TJobTrigger } from './schema';
import type { PlannedSlot } from './slot-plan';

/** Appendix A row 1: a lease outlives a missed renewal or two, and lapses soon after a crash. */
export const LEASE_TTL_MS = 30_000;
export const LEASE_RENEW_MS = 10_000;
export const runLeaseName = (jobName: string): string => `jobs:run:${jobName}`;
export const STILL_RUNNING = 'previous run still running';

export type JobFailedPayload = {
  jobName: string;
  runId: string;
  status: 'failed' | 'timed_out';
  attempts: number;
  error: string;
};
export type RunLifecycleDeps = ExecuteDeps & {
  repo: JobsRepository;
  leases: LeaseManager;
  instanceId: string;
  /** Where `job.failed` is staged with the failed run's record; unset in runners that report nothing. */
  bus?: Pick<EventBus, 'stage'> | undefined;
  /** Told of every run once it is recorded (metrics); must not throw. */
  onRecorded?: ((run: TJobRun) => void) | undefined;
};

export const scheduledRunId = (jobName: string, slotAt: number): string =>
  `${jobName}:${new Date(slotAt).toISOString()}`;

/** Claims, runs and records runs; shared by the schedule (runner ticks) and manual triggers. */
export const createRunLifecycle = (deps: RunLifecycleDeps) => {
  const { repo, leases, clock, logger } = deps;
  const iso = (ms: number) => new Date(ms).toISOString();

  const newRun = (
    job: RegisteredJob,
    fields: {
      id: string;
      trigger: TJobTrigger;
      slotAt: number | null;
      actor?: { id: string; email: string };
      eventId?: string | undefined;
    },
  ): TJobRun => ({
    id: fields.id,
    productId: job.productId,
    jobName: job.name,
    status: 'running',
    trigger: fields.trigger,
    slotAt: fields.slotAt === null ? null : iso(fields.slotAt),
    reason: null,
    actorId: fields.actor?.id ?? null,
    actorEmail: fields.actor?.email ?? null,
    instanceId: deps.instanceId,
    attempt: 0,
    startedAt: iso(clock()),
    finishedAt: null,
    durationMs: null,
    error: null,
    metrics: {},
    log: [],
    ...(fields.eventId ? { eventId: fields.eventId } : {}),
  });

  /**
   * Best effort: the run document is the record; the definition caches the latest outcome (by finish time, so a
   * run that finishes after a slot skipped meanwhile still shows).
   */
  const noteLastRun = async (job: RegisteredJob, run: TJobRun) => {
    const lastRun = {
      runId: run.id,
      status: run.status,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      durationMs: run.durationMs,
    };
    try {
      // A manual run of a job no leader has seen yet creates its definition, as first sight would.
      await repo.updateDefinition(run.productId, run.jobName, (current) => {
        const doc = current ?? newDefinitionDoc(job, clock());
        return (doc.lastRun?.finishedAt ?? '') <= (run.finishedAt ?? '')
          ? { ...doc, lastRun, updatedAt: iso(clock()) }
          : null;
      });
    } catch (error) {
      logger.warn({ err: error, job: run.jobName, runId: run.id }, 'could not note the last run of a job');
    }
  };

  const finish = async (job: RegisteredJob, run: TJobRun, patch: Partial<TJobRun>): Promise<TJobRun> => {
    const finishedAt = clock();
    const done: TJobRun = {
      ...run,
      ...patch,
      finishedAt: iso(finishedAt),
      durationMs: finishedAt - Date.parse(run.startedAt),
    };
    // A run that failed for the last time and its job.failed event are one record: neither without the other.
    await repo.replaceRun(done, failureOf(done));
    await noteLastRun(job, done);
    deps.onRecorded?.(done);
    return done;
  };

  const failureOf = (run: TJobRun): Outbox | undefined => {
    if (!deps.bus || (run.status !== 'failed' && run.status !== 'timed_out')) return undefined;
    const payload: JobFailedPayload = {
      jobName: run.jobName,
      runId: run.id,
      status: run.status,
      attempts: run.attempt,
      error: run.error ?? run.status,
    };
    return deps.bus.stage('job.failed', payload, { productId: run.productId });
  };

  /** Run leases this process holds, by lease name, with when (injected clock) each was last renewed. */
  const held = new Map<string, { holder: string; renewedAt: number }>();

  /** Renews the run leases last renewed LEASE_RENEW_MS ago or more; called by a timer and by every tick. */
  const renewLeases = async () => {
    const now = clock();
    for (const [name, lease] of held) {
      if (now - lease.renewedAt < LEASE_RENEW_MS) continue;
      lease.renewedAt = now;
      await leases.renew(name, lease.holder, LEASE_TTL_MS).catch((error: unknown) => {
        logger.warn({ err: error, lease: name }, 'could not renew a job run lease');
      });
    }
  };

  /** Executes a claimed run whose run lease `holder` holds, then records it and gives the lease back. */
  const runClaimed = async (job: RegisteredJob, run: TJobRun, holder: string, stop: AbortSignal) => {
    const lease = runLeaseName(job.name);
    held.set(lease, { holder, renewedAt: clock() });
    const renew = setInterval(() => {
      renewLeases().catch(() => undefined);
    }, LEASE_RENEW_MS);
    renew.unref();
    try {
      const outcome = await executeRun(job, run, deps, stop);
      const done = await finish(job, run, outcome);
      if (done.status !== 'succeeded') {
        logger.warn(
          { job: job.name, runId: run.id, status: done.status, error: done.error },
          'job run failed',
        );
      }
      return done;
    } catch (error) {
      // Recording failed (store down): the document stays 'running'; say so rather than lose it silently.
      logger.error(
        { err: error, job: job.name, runId: run.id, error: errorMessage(error) },
        'job run not recorded',
      );
      return undefined;
    } finally {
      clearInterval(renew);
      held.delete(lease);
      await leases.release(lease, holder).catch((error: unknown) => {
        logger.warn({ err: error, job: job.name }, 'could not release a job run lease; it will lapse');
      });
    }
  };

  /** Records a slot that will not run; silent when another process claimed the slot first. */
  const claimSkipped = async (job: RegisteredJob, slot: PlannedSlot, reason: string) => {
    const run = newRun(job, { id: scheduledRunId(job.name, slot.slotAt), ...slot });
    const skipped: TJobRun = { ...run, status: 'skipped', reason, finishedAt: run.startedAt, durationMs: 0 };
    if (await repo.claimRun(skipped)) {
      await noteLastRun(job, skipped);
      deps.onRecorded?.(skipped);
    }
  };

  /** Claims one slot and runs it, unless another process claimed it or a run of the job is in progress. */
  const runSlot = async (job: RegisteredJob, slot: PlannedSlot, stop: AbortSignal) => {
    const run = newRun(job, { id: scheduledRunId(job.name, slot.slotAt), ...slot });
    if (!(await repo.claimRun(run))) return;
    const holder = `${deps.instanceId}:${run.id}`;
    if (!(await leases.acquire(runLeaseName(job.name), holder, LEASE_TTL_MS))) {
      await finish(job, run, { status: 'skipped', reason: STILL_RUNNING });
      return;
    }
    await runClaimed(job, run, holder, stop);
  };

  return { newRun, runClaimed, runSlot, claimSkipped, renewLeases };
};

export type RunLifecycle = ReturnType<typeof createRunLifecycle>;
