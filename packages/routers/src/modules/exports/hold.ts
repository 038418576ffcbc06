import { type Clock, type Outbox, type Stored, withoutSystemFields } from '@bytelyst/db/document-store';
import type { ExportsRepository, JobDoc } from './repository';

/** Thrown inside a run when the job is no longer this worker's to write. */
export class Stopped extends Error {
  constructor(readonly why: 'cancelled' | 'lost' | 'shutdown') {
    super(`export job stopped: ${why}`);
  }
}

/**
 * A job a worker holds. Every write is conditional on the etag of the last one, so a worker that lost its
 * lease (another took the job over) or whose job was cancelled finds out at its next write and stops; nothing
 * it does after that reaches the job.
 */
export type Hold = {
  readonly job: Stored<JobDoc>;
  /** Writes `patch` and renews the lease; throws Stopped when the job was cancelled or taken over. */
  update(patch: Partial<JobDoc>, outbox?: (job: JobDoc) => Outbox): Promise<void>;
  /** Reads the job again; throws Stopped when it was cancelled or taken over meanwhile. */
  refresh(): Promise<Stored<JobDoc>>;
  set(job: Stored<JobDoc>): void;
  /** Throws Stopped('shutdown') once the worker is stopping. */
  checkRunning(): void;
  /** The lease's end if renewed now. */
  leaseUntil(): string;
};

export const createHold = (
  claimed: Stored<JobDoc>,
  deps: {
    repo: ExportsRepository;
    clock: Clock;
    holder: string;
    leaseMs: number;
    stopping: () => boolean;
  },
): Hold => {
  const { repo, clock } = deps;
  const iso = (ms: number) => new Date(ms).toISOString();
  let job = claimed;
  const hold: Hold = {
    get job() {
      return job;
    },
    leaseUntil: () => iso(clock() + deps.leaseMs),
    set(next) {
      job = next;
    },
    checkRunning() {
      if (deps.stopping()) throw new Stopped('shutdown');
    },
    async refresh() {
      const fresh = await repo.get(job.productId, job.id);
      if (!fresh || fresh.holder !== deps.holder) throw new Stopped('lost');
      if (fresh.status === 'cancelled') throw new Stopped('cancelled');
      job = fresh;
      return job;
    },
    async update(patch, outbox) {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const next: JobDoc = {
          ...withoutSystemFields(job),
          ...patch,
          leaseUntil: patch.leaseUntil ?? hold.leaseUntil(),
          updatedAt: iso(clock()),
        };
        const saved = await repo.replace(next, job._etag, outbox?.(next));
        if (saved) {
          job = saved;
          return;
        }
        await hold.refresh();
      }
      throw new Stopped('lost');
    },
  };
  return hold;
};
