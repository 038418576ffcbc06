import { AppError } from '../app-error';

/**
 * Starts a registered job now, in the background, from inside a module: the job runner is built after the
 * modules (it needs every module's jobs), so modules get this handle, which services.ts binds to the jobs
 * service once the runner exists. The run is the runner's (lease, run record, log, timeout).
 */
export type JobTrigger = {
  trigger(name: string, actor: { id: string; email: string }): Promise<{ id: string }>;
};

export const createJobTriggerSlot = () => {
  let target: JobTrigger['trigger'] | undefined;
  return {
    trigger(name: string, actor: { id: string; email: string }) {
      if (!target) return Promise.reject(new AppError('UNAVAILABLE', 'The job runner is not ready'));
      return target(name, actor);
    },
    bind(trigger: JobTrigger['trigger']) {
      target = trigger;
    },
  };
};
