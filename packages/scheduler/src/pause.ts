import type { RegisteredJob } from './definition';
import { newDefinitionDoc } from './evaluate';
import type { JobDefinitionDoc, JobsRepository } from './repository';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Pauses or resumes a job by writing its definition directly: the leader reads the flag each time the job is
 * due, so this works from any process. Returns the definition as it now is.
 */
export const setJobEnabled = (
  repo: JobsRepository,
  job: RegisteredJob,
  enabled: boolean,
  now: number,
): Promise<JobDefinitionDoc | undefined> =>
  repo.updateDefinition(job.productId, job.name, (current) => {
    const base = current ?? newDefinitionDoc(job, now);
    if (current && current.enabled === enabled) return null;
    // On resume the paused period counts as evaluated, so it is not replayed as missed runs.
    return { ...base, enabled, ...(enabled ? { lastSlotAt: iso(now) } : {}), updatedAt: iso(now) };
  });
