import { randomBytes } from 'node:crypto';
import type { BlobStore } from '@bytelyst/db/blob';
import type { DocumentStore } from '@bytelyst/db/document-store';
import { type Clock, type Stored, withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import type { BusLogger } from '@bytelyst/events/logger';
import type { BulkOperations } from './bulk';
import { runBulk } from './bulk-run';
import { EXPORT_BLOB_CONTAINER, FILE_DAYS } from './config';
import { runExport } from './export-run';
import { createHold, type Hold, Stopped } from './hold';
import type { ExportsRepository, JobDoc } from './repository';
import type { ExportSources } from './sources';
import { runUserDataExport, USER_DATA_TYPE } from './user-data';

export type EngineDeps = {
  repo: ExportsRepository;
  /** Read by the user data export, which walks several modules' containers. */
  store: DocumentStore;
  blob: BlobStore;
  clock: Clock;
  bus: EventBus;
  sources: ExportSources;
  bulk: BulkOperations;
  logger: BusLogger;
  instanceId: string;
  /** How long a claim holds without a progress write; a job whose worker died is taken over after it. */
  leaseMs: number;
  pollIntervalMs: number;
  /** Rows per store page (and per progress write). */
  pageSize: number;
};

/**
 * The worker of exports and bulk jobs. Each instance polls `export_jobs` for due jobs (pending, or processing
 * under a lease that lapsed) across products, claims one with a conditional write and runs it to its end; the
 * claim is renewed with every progress write. An export restarts from its first row under a new attempt (its
 * file key carries the attempt, so a worker that lost the job can never overwrite the new one's file); a bulk
 * job resumes where its last committed page ended.
 */
export const createExportsEngine = (deps: EngineDeps) => {
  const { repo, clock } = deps;
  const holder = `${deps.instanceId}:${randomBytes(4).toString('hex')}`;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopping = false;

  const iso = (ms: number) => new Date(ms).toISOString();
  const leaseUntil = () => iso(clock() + deps.leaseMs);

  /** Takes the oldest due job this worker can claim; undefined when there is none. */
  const claim = async (): Promise<Stored<JobDoc> | undefined> => {
    const now = iso(clock());
    const due = await repo.due(now, 10);
    for (const doc of due.items) {
      const takeOver = doc.status === 'processing';
      if (takeOver) {
        deps.logger.warn(
          { jobId: doc.id, previous: doc.holder, attempt: doc.attempt },
          'export job taken over after its worker stopped renewing the lease',
        );
      }
      const claimed = await repo.replace(
        {
          ...withoutSystemFields(doc),
          status: 'processing',
          holder,
          leaseUntil: leaseUntil(),
          attempt: doc.attempt + 1,
          startedAt: doc.startedAt ?? now,
          // An export starts over: its rows so far went into a file that will never be finished.
          ...(doc.kind === 'export' ? { processed: 0 } : {}),
          updatedAt: now,
        },
        doc._etag,
      );
      if (claimed) return claimed;
    }
    return undefined;
  };

  /** A run cut short by a shutdown hands the job back, so the next worker takes it without waiting out the lease. */
  const handBack = async (h: Hold) => {
    try {
      await h.update({ status: 'pending', holder: null, leaseUntil: '' });
    } catch (error) {
      if (!(error instanceof Stopped)) throw error;
    }
  };

  const fail = async (h: Hold, error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    deps.logger.error({ jobId: h.job.id, err: message }, 'export job failed');
    try {
      await h.update(
        { status: 'failed', error: message.slice(0, 500), holder: null, finishedAt: iso(clock()) },
        (job) =>
          deps.bus.stage(
            'export.failed',
            { jobId: job.id, kind: job.kind, type: job.type, error: message.slice(0, 500) },
            { productId: job.productId, actorId: null },
          ),
      );
    } catch (stopped) {
      if (!(stopped instanceof Stopped)) throw stopped;
    }
  };

  const run = async (claimed: Stored<JobDoc>) => {
    const h = createHold(claimed, { repo, clock, holder, leaseMs: deps.leaseMs, stopping: () => stopping });
    try {
      const file = { blob: deps.blob, bus: deps.bus, clock, pageSize: deps.pageSize };
      const where = { container: EXPORT_BLOB_CONTAINER, fileDays: FILE_DAYS };
      if (claimed.kind === 'export' && claimed.type === USER_DATA_TYPE) {
        await runUserDataExport(h, { ...file, ...where, store: deps.store });
      } else if (claimed.kind === 'export') {
        await runExport(h, { ...file, ...where, sources: deps.sources });
      } else {
        await runBulk(h, { bulk: deps.bulk, bus: deps.bus, clock, repo });
      }
    } catch (error) {
      if (error instanceof Stopped) {
        if (error.why === 'shutdown') await handBack(h);
        return;
      }
      await fail(h, error);
    }
  };

  /** Claims one due job and runs it to its end; resolves with its id, or undefined when none was due. */
  const runOnce = async (): Promise<string | undefined> => {
    if (stopping) return undefined;
    const claimed = await claim();
    if (!claimed) return undefined;
    await run(claimed);
    return claimed.id;
  };

  /** One worker loop at a time in this process. */
  const poll = () => {
    running ??= (async () => {
      try {
        while (!stopping && (await runOnce()) !== undefined) {
          // until nothing is due
        }
      } catch (error) {
        deps.logger.error({ err: String(error) }, 'export worker poll failed');
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  return {
    holder,
    runOnce,
    /** Runs due jobs until none is left (tests and the bench; the worker does the same on its timer). */
    async drain(): Promise<number> {
      let count = 0;
      while ((await runOnce()) !== undefined) count += 1;
      return count;
    },
    /** A job was just created: a started worker looks now rather than at its next tick. */
    kick() {
      if (timer && !stopping) void poll();
    },
    start() {
      if (timer) return;
      stopping = false;
      timer = setInterval(() => void poll(), deps.pollIntervalMs);
      timer.unref?.();
    },
    /** Stops polling; a job in flight stops at its next page and is handed back as pending. */
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      stopping = true;
      await running;
    },
  };
};

export type ExportsEngine = ReturnType<typeof createExportsEngine>;
