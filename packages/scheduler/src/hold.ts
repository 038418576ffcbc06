import type { RegisteredJob } from './definition';
import { newDefinitionDoc } from './evaluate';
import type { JobDefinitionDoc, JobsRepository } from './repository';

/**
 * Adds or lifts `holder`'s hold on a job (a product in maintenance), on the job's definition, so the leader
 * sees it whichever process wrote it. Idempotent per holder; a platform-wide job held by several products runs
 * again once the last one lifts its hold. Unlike a pause, a hold leaves `lastSlotAt` where it was, so the
 * slots it covered are missed runs when it is lifted, and the job's missed-run policy decides what runs then.
 */
export const setJobHold = (
  repo: JobsRepository,
  job: RegisteredJob,
  holder: string,
  held: boolean,
  now: number,
): Promise<JobDefinitionDoc | undefined> =>
  repo.updateDefinition(job.productId, job.name, (current) => {
    const holds = current?.holds ?? [];
    if (holds.includes(holder) === held) return null;
    const base = current ?? newDefinitionDoc(job, now);
    const next = held ? [...holds, holder].sort() : holds.filter((entry) => entry !== holder);
    return { ...base, holds: next, updatedAt: new Date(now).toISOString() };
  });
