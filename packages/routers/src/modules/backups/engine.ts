import { randomBytes } from 'node:crypto';
import type { BlobStore } from '@bytelyst/db/blob';
import {
  type Clock,
  type DocumentStore,
  type Stored,
  withoutSystemFields,
} from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import type { BusLogger } from '@bytelyst/events/logger';
import { createHold, type Hold, Stopped } from './hold';
import type { BackupJobDoc, BackupsRepository } from './repository';
import { runBackup, type SchemaVersion } from './run-backup';
import { runRestore } from './run-restore';
import { runVerify } from './run-verify';

export type EngineDeps = {
  repo: BackupsRepository;
  store: DocumentStore;
  blob: BlobStore;
  clock: Clock;
  bus: EventBus;
  logger: BusLogger;
  instanceId: string;
  schemaVersion: () => Promise<SchemaVersion>;
  /** Runs after a backup completed (the pruning policy). */
  afterBackup: () => Promise<unknown>;
  leaseMs: number;
  pollIntervalMs: number;
  pageSize: number;
  progressEvery: number;
};

/**
 * The worker of backups, verifications and restores. Each instance polls `backup_runs` for due jobs (pending,
 * or running under a lease that lapsed), claims one with a conditional write and runs it to its end, renewing
 * the claim with every progress write. A job taken over starts again from its first container.
 */
export const createBackupsEngine = (deps: EngineDeps) => {
  const { repo, clock } = deps;
  const holder = `${deps.instanceId}:${randomBytes(4).toString('hex')}`;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopping = false;
  const iso = (ms: number) => new Date(ms).toISOString();

  const claim = async (): Promise<Stored<BackupJobDoc> | undefined> => {
    const now = iso(clock());
    for (const doc of (await repo.due(now, 10)).items) {
      if (doc.status === 'running') {
        deps.logger.warn(
          { jobId: doc.id, previous: doc.holder },
          'backup job taken over after its lease lapsed',
        );
      }
      const claimed = await repo.replace(
        {
          ...withoutSystemFields(doc),
          status: 'running',
          holder,
          leaseUntil: iso(clock() + deps.leaseMs),
          attempt: doc.attempt + 1,
          startedAt: doc.startedAt ?? now,
          processed: 0,
          updatedAt: now,
        },
        doc._etag,
      );
      if (claimed) return claimed;
    }
    return undefined;
  };

  const fail = async (h: Hold, error: unknown) => {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    deps.logger.error({ jobId: h.job.id, err: message }, 'backup job failed');
    try {
      await h.update(
        {
          status: 'failed',
          error: message,
          holder: null,
          finishedAt: iso(clock()),
          ...(h.job.kind === 'verify'
            ? { verification: { state: 'failed', checkedAt: null, problems: [message] } }
            : {}),
        },
        (job) =>
          deps.bus.stage(
            'backup.failed',
            { jobId: job.id, kind: job.kind, error: message },
            { productId: job.productId, actorId: null },
          ),
      );
      if (h.job.kind === 'verify') {
        await repo.mutate(h.job.backupId, (current) =>
          current.verification?.state === 'verifying'
            ? { ...current, verification: { state: 'failed', checkedAt: iso(clock()), problems: [message] } }
            : null,
        );
      }
    } catch (stopped) {
      if (!(stopped instanceof Stopped)) throw stopped;
    }
  };

  const run = async (claimed: Stored<BackupJobDoc>) => {
    const h = createHold(claimed, { repo, clock, holder, leaseMs: deps.leaseMs, stopping: () => stopping });
    const common = { blob: deps.blob, bus: deps.bus, clock, progressEvery: deps.progressEvery };
    try {
      if (claimed.kind === 'backup') {
        await runBackup(h, {
          ...common,
          store: deps.store,
          pageSize: deps.pageSize,
          schemaVersion: deps.schemaVersion,
        });
        await deps.afterBackup().catch((error: unknown) => {
          deps.logger.warn({ err: String(error) }, 'pruning old backups failed');
        });
      } else if (claimed.kind === 'verify') {
        await runVerify(h, { ...common, repo });
      } else {
        await runRestore(h, { ...common, store: deps.store, repo, pageSize: deps.pageSize });
      }
    } catch (error) {
      if (error instanceof Stopped) {
        // A shutdown hands the job back so that the next worker need not wait out the lease.
        if (error.why === 'shutdown')
          await h.update({ status: 'pending', holder: null, leaseUntil: '' }).catch(() => undefined);
        return;
      }
      await fail(h, error);
    }
  };

  const runOnce = async (): Promise<string | undefined> => {
    if (stopping) return undefined;
    const claimed = await claim();
    if (!claimed) return undefined;
    await run(claimed);
    return claimed.id;
  };

  const poll = () => {
    running ??= (async () => {
      try {
        while (!stopping && (await runOnce()) !== undefined) {
          // until nothing is due
        }
      } catch (error) {
        deps.logger.error({ err: String(error) }, 'backup worker poll failed');
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
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      stopping = true;
      await running;
    },
  };
};

export type BackupsEngine = ReturnType<typeof createBackupsEngine>;
