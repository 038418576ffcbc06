import type { TJobRun } from '@bytelyst/scheduler/schema';
import { AppError } from '../app-error';

type Actor = { id: string; email: string };

/**
 * Starts a registered job now, in the background, from inside a module: the job runner is built after the
 * modules (it needs every module's jobs), so modules get this handle, which services.ts binds to the jobs
 * service once the runner exists. The run is the runner's (lease, run record, log, timeout).
 */
export type JobTrigger = {
  /** `eventId`: the bus event the run answers (staged by the same request), shown on that event's page. */
  trigger(name: string, actor: Actor, opts?: { eventId?: string }): Promise<{ id: string }>;
  /** Runs a skipped slot of a job after all and resolves with the finished run; undefined when not skipped. */
  rerunSkipped(name: string, runId: string, actor: Actor): Promise<TJobRun | undefined>;
};

/** The trigger option naming the (first) event a request staged, so the run it starts is linked to it. */
export const eventOf = (staged: { events: readonly { id: string }[] }): { eventId?: string } =>
  staged.events[0] ? { eventId: staged.events[0].id } : {};

const notReady = () => new AppError('UNAVAILABLE', 'The job runner is not ready');

export const createJobTriggerSlot = () => {
  let target: JobTrigger | undefined;
  return {
    trigger(name: string, actor: Actor, opts?: { eventId?: string }) {
      if (!target) return Promise.reject(notReady());
      return target.trigger(name, actor, opts);
    },
    rerunSkipped(name: string, runId: string, actor: Actor) {
      if (!target) return Promise.reject(notReady());
      return target.rerunSkipped(name, runId, actor);
    },
    bind(jobs: JobTrigger) {
      target = jobs;
    },
  };
};
