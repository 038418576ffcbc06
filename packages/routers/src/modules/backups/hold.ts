import { type Clock, type Outbox, type Stored, withoutSystemFields } from '@bytelyst/db/document-store';
import type { BackupJobDoc, BackupsRepository } from './repository';

/** Thrown inside a run when the job is no longer this worker's to write. */
export class Stopped extends Error {
  constructor(readonly why: 'lost' | 'shutdown') {
    super(`backup job stopped: ${why}`);
  }
}

/**
 * A job a worker holds. Every write is conditional on the etag of the last one, so a worker whose lease
 * lapsed and whose job another took over finds out at its next write and stops.
 */
export type Hold = {
  readonly job: Stored<BackupJobDoc>;
  /** Writes `patch` and renews the lease; throws Stopped when the job was taken over. */
  update(patch: Partial<BackupJobDoc>, outbox?: (job: BackupJobDoc) => Outbox): Promise<void>;
  /** Throws Stopped('shutdown') once the worker is stopping. */
  checkRunning(): void;
};

export const createHold = (
  claimed: Stored<BackupJobDoc>,
  deps: { repo: BackupsRepository; clock: Clock; holder: string; leaseMs: number; stopping: () => boolean },
): Hold => {
  const iso = (ms: number) => new Date(ms).toISOString();
  let job = claimed;
  return {
    get job() {
      return job;
    },
    checkRunning() {
      if (deps.stopping()) throw new Stopped('shutdown');
    },
    async update(patch, outbox) {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const next: BackupJobDoc = {
          ...withoutSystemFields(job),
          ...patch,
          leaseUntil: patch.leaseUntil ?? iso(deps.clock() + deps.leaseMs),
          updatedAt: iso(deps.clock()),
        };
        const saved = await deps.repo.replace(next, job._etag, outbox?.(next));
        if (saved) {
          job = saved;
          return;
        }
        const fresh = await deps.repo.get(job.id);
        if (!fresh || fresh.holder !== deps.holder) throw new Stopped('lost');
        job = fresh;
      }
      throw new Stopped('lost');
    },
  };
};
