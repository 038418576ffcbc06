import { setTimeout as delay } from 'node:timers/promises';
import type { Clock } from '@bytelyst/db/document-store';
import type { LeaseManager } from '@bytelyst/db/leases';
import type { EventBus } from '@bytelyst/events/bus';
import type { RegisteredJob } from './definition';
import { SchedulerError } from './errors';
import { evaluateJob, newDefinitionDoc } from './evaluate';
import { NOOP_LOGGER, type RunnerLogger, type Sleep } from './execute';
import type { JobRegistry } from './registry';
import type { JobDefinitionDoc, JobsRepository } from './repository';
import {
  createRunLifecycle,
  LEASE_RENEW_MS,
  LEASE_TTL_MS,
  runLeaseName,
  STILL_RUNNING,
} from './run-lifecycle';
import type { TJobRun } from './schema';
import type { SlotPlan } from './slot-plan';

export const LEADER_LEASE = 'jobs:leader';
/** Due jobs are evaluated this many at a time, so 10,000 jobs due at midnight do not flood the store. */
const EVALUATE_BATCH = 32;

export type JobRunnerDeps = {
  repo: JobsRepository;
  registry: JobRegistry;
  leases: LeaseManager;
  clock: Clock;
  random: () => number;
  instanceId: string;
  tickIntervalMs: number;
  /** Stages job.failed with the record of a run that failed for the last time. */
  bus?: Pick<EventBus, 'stage'> | undefined;
  logger?: RunnerLogger | undefined;
  /** Backoff waits between attempts; default node's timer. */
  sleep?: Sleep | undefined;
};

type JobState = { job: RegisteredJob; nextRunAt: number; evaluating: boolean };

const defaultSleep: Sleep = (ms, signal) => delay(ms, undefined, { signal });
const STOPPED = 'the runner stopped before this slot ran';
const conflict = (name: string) => new SchedulerError('already_running', `Job '${name}' is already running`);

export const createJobRunner = (deps: JobRunnerDeps) => {
  const { registry, leases, clock, instanceId } = deps;
  const logger = deps.logger ?? NOOP_LOGGER;
  const observers = new Set<(run: TJobRun) => void>();
  const lifecycle = createRunLifecycle({
    ...deps,
    logger,
    sleep: deps.sleep ?? defaultSleep,
    onRecorded: (run) => {
      for (const observer of observers) observer(run);
    },
  });
  // A slot up to two ticks late is still on time; older ones were missed (nobody evaluated the schedule).
  const graceMs = 2 * deps.tickIntervalMs;
  /** Per registered job: when it is next due. Only due jobs cost a store read. */
  const states = new Map<string, JobState>();
  /** Runs (or chains of slot runs) in progress in this process, by job name. */
  const active = new Map<string, Promise<unknown>>();
  const tracked = new Set<Promise<void>>();
  let stopper = new AbortController();
  let stopping = false;
  let leader = false;
  let leaseAt = 0;
  let ticking: Promise<void> | null = null;
  let timers: ReturnType<typeof setInterval>[] = [];

  const track = (work: Promise<unknown>) => {
    const settled: Promise<void> = work
      .then(
        () => undefined,
        (error: unknown) => logger.error({ err: error }, 'job work failed'),
      )
      .then(() => {
        tracked.delete(settled);
      });
    tracked.add(settled);
  };

  const runActive = (name: string, work: () => Promise<unknown>) => {
    const running = work().finally(() => active.delete(name));
    active.set(name, running);
    track(running);
  };

  const renewLeadership = async (force: boolean): Promise<boolean> => {
    const now = clock();
    if (leader && !force && now - leaseAt < LEASE_RENEW_MS) return true;
    const lease =
      (leader ? await leases.renew(LEADER_LEASE, instanceId, LEASE_TTL_MS) : null) ??
      (await leases.acquire(LEADER_LEASE, instanceId, LEASE_TTL_MS));
    if ((lease !== null) !== leader) {
      logger.info(
        { instanceId },
        lease ? 'now leading the job schedule' : 'no longer leading the job schedule',
      );
    }
    leader = lease !== null;
    if (lease) leaseAt = now;
    return leader;
  };

  /** Loads the state of jobs registered since the last sync; creates the definitions never seen before. */
  const sync = async () => {
    if (states.size === registry.size()) return;
    const docs = await deps.repo.listDefinitions();
    const now = clock();
    const fresh: JobDefinitionDoc[] = [];
    for (const job of registry.list()) {
      if (states.has(job.name)) continue;
      const doc = docs.get(job.name);
      const known = doc?.productId === job.productId ? doc : undefined;
      if (!known) fresh.push(newDefinitionDoc(job, now));
      const lastSlotAt = known ? Date.parse(known.lastSlotAt) : now;
      states.set(job.name, {
        job,
        nextRunAt: job.schedule.next(lastSlotAt) ?? Number.POSITIVE_INFINITY,
        evaluating: false,
      });
    }
    // Due at once when the batch lost a race: the evaluation then reads (or creates) the definition.
    for (const name of await deps.repo.createDefinitions(fresh)) {
      const state = states.get(name);
      if (state) state.nextRunAt = now;
    }
  };

  const dispatch = async (job: RegisteredJob, plan: SlotPlan) => {
    if (plan.missed > 0) {
      const catchUp = plan.run.filter((slot) => slot.trigger === 'catch_up').length;
      logger.warn(
        { job: job.name, missed: plan.missed, policy: job.missedRunPolicy, catchUp },
        'job slots were missed while the schedule was not evaluated',
      );
    }
    if (plan.skippedAt !== null) {
      const reason = `${plan.missed} missed run(s) skipped (missedRunPolicy 'skip')`;
      await lifecycle.claimSkipped(job, { slotAt: plan.skippedAt, trigger: 'catch_up' }, reason);
    }
    if (plan.run.length === 0) return;
    if (active.has(job.name)) {
      for (const slot of plan.run) await lifecycle.claimSkipped(job, slot, STILL_RUNNING);
      return;
    }
    const stop = stopper.signal;
    runActive(job.name, async () => {
      for (const slot of plan.run) {
        if (stop.aborted) await lifecycle.claimSkipped(job, slot, STOPPED);
        else await lifecycle.runSlot(job, slot, stop);
      }
    });
  };

  const evaluate = async (state: JobState, now: number) => {
    state.evaluating = true;
    try {
      const evaluation = await evaluateJob(deps.repo, state.job, now, graceMs);
      // A held job is read again at every tick, so it catches up as soon as its hold lifts, not at its next slot.
      state.nextRunAt = evaluation.held ? now : (evaluation.nextRunAt ?? Number.POSITIVE_INFINITY);
      if (!evaluation.paused) await dispatch(state.job, evaluation.plan);
    } catch (error) {
      // nextRunAt is unchanged, so the next tick tries again.
      logger.error({ err: error, job: state.job.name }, 'could not evaluate a job schedule');
    } finally {
      state.evaluating = false;
    }
  };

  const runTick = async () => {
    if (stopping) return;
    // Runs (manual ones too) keep their leases on any instance, leader or not.
    await lifecycle.renewLeases();
    if (!(await renewLeadership(false))) return;
    await sync();
    const now = clock();
    const due: JobState[] = [];
    for (const state of states.values()) if (state.nextRunAt <= now && !state.evaluating) due.push(state);
    for (let i = 0; i < due.length; i += EVALUATE_BATCH) {
      await Promise.all(due.slice(i, i + EVALUATE_BATCH).map((state) => evaluate(state, now)));
    }
  };

  const runner = {
    /** One evaluation of the schedule (only on the leader). The timers of `start()` call it; tests call it. */
    tick(): Promise<void> {
      ticking ??= runTick().finally(() => {
        ticking = null;
      });
      return ticking;
    },
    isLeader: (): boolean => leader,
    /** Whether a run of the job is in progress in this process or, by its run lease, in any other. */
    async isRunning(name: string): Promise<boolean> {
      return active.has(name) || (await leases.current(runLeaseName(name))) !== null;
    },
    /**
     * Starts a manual run in this process (whether or not it leads the schedule) and returns its record while
     * it runs; `whenIdle()` resolves once it has finished.
     */
    async trigger(
      name: string,
      actor: { id: string; email: string },
      opts: { eventId?: string } = {},
    ): Promise<TJobRun> {
      const job = registry.get(name);
      if (!job) throw new SchedulerError('unknown_job', `Job '${name}' not found`);
      if (stopping) throw new SchedulerError('stopping', 'The job runner is stopping');
      if (active.has(name)) throw conflict(name);
      const suffix = Math.floor(deps.random() * 36 ** 6)
        .toString(36)
        .padStart(6, '0');
      const id = `${name}:manual:${new Date(clock()).toISOString()}:${suffix}`;
      const run = lifecycle.newRun(job, {
        id,
        trigger: 'manual',
        slotAt: null,
        actor,
        eventId: opts.eventId,
      });
      const holder = `${instanceId}:${id}`;
      if (!(await leases.acquire(runLeaseName(name), holder, LEASE_TTL_MS))) throw conflict(name);
      if (active.has(name)) {
        await leases.release(runLeaseName(name), holder);
        throw conflict(name);
      }
      const claimed = deps.repo.claimRun(run);
      const stop = stopper.signal;
      runActive(name, async () => {
        const created = await claimed.catch(() => false);
        if (created) return lifecycle.runClaimed(job, run, holder, stop);
        await leases.release(runLeaseName(name), holder);
      });
      if (!(await claimed)) throw conflict(name);
      return run;
    },
    /**
     * Runs a skipped slot after all (a recovery of missed slots): the skipped record is taken over under its
     * etag, so two recoveries never run it twice, and becomes a `catch_up` run of the same slot. Resolves with
     * the finished run; undefined when the run is not a skipped slot (any more).
     */
    async rerunSkipped(
      name: string,
      runId: string,
      actor: { id: string; email: string },
    ): Promise<TJobRun | undefined> {
      const job = registry.get(name);
      if (!job) throw new SchedulerError('unknown_job', `Job '${name}' not found`);
      if (stopping) throw new SchedulerError('stopping', 'The job runner is stopping');
      const skipped = await deps.repo.getRun(job.productId, job.name, runId);
      if (skipped?.status !== 'skipped' || skipped.slotAt === null) return undefined;
      if (active.has(name)) throw conflict(name);
      const holder = `${instanceId}:${runId}`;
      if (!(await leases.acquire(runLeaseName(name), holder, LEASE_TTL_MS))) throw conflict(name);
      const run = lifecycle.newRun(job, {
        id: runId,
        trigger: 'catch_up',
        slotAt: Date.parse(skipped.slotAt),
        actor,
      });
      if (active.has(name) || !(await deps.repo.reclaimRun(run, skipped._etag))) {
        await leases.release(runLeaseName(name), holder);
        return undefined;
      }
      const done = lifecycle.runClaimed(job, run, holder, stopper.signal);
      runActive(name, () => done);
      return done;
    },
    /** Calls `observer` with every run this process records (finished or skipped); returns an unsubscribe. */
    onRunRecorded(observer: (run: TJobRun) => void): () => void {
      observers.add(observer);
      return () => observers.delete(observer);
    },
    /** Resolves once no tick and no run of this process is in progress. */
    async whenIdle(): Promise<void> {
      while (ticking || tracked.size > 0) {
        await Promise.all([ticking?.catch(() => undefined), ...tracked]);
      }
    },
    start(): void {
      if (timers.length > 0) return;
      stopping = false;
      if (stopper.signal.aborted) stopper = new AbortController();
      const tick = () => {
        runner.tick().catch((error: unknown) => logger.error({ err: error }, 'job tick failed'));
      };
      const renew = () => {
        if (!leader) return;
        renewLeadership(true).catch((error: unknown) =>
          logger.error({ err: error }, 'leader renewal failed'),
        );
      };
      timers = [setInterval(tick, deps.tickIntervalMs), setInterval(renew, LEASE_RENEW_MS)];
      for (const timer of timers) timer.unref();
      tick();
    },
    /** Stops ticking, aborts the signals of running jobs, waits for them to settle and gives up the lead. */
    async stop(): Promise<void> {
      stopping = true;
      for (const timer of timers) clearInterval(timer);
      timers = [];
      stopper.abort(new Error('The job runner is stopping'));
      await runner.whenIdle();
      if (!leader) return;
      leader = false;
      await leases.release(LEADER_LEASE, instanceId).catch((error: unknown) => {
        logger.warn({ err: error }, 'could not release the job leader lease; it will lapse');
      });
    },
  };
  return runner;
};

export type JobRunner = ReturnType<typeof createJobRunner>;
