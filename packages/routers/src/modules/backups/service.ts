import { randomBytes } from 'node:crypto';
import type { Clock, DocumentStore, Stored } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { isoNow } from '../../lib/time';
import type { BackupCheck } from '../migrations/config';
import type { TRole } from '../users/schema';
import { BACKUPS_PRODUCT_ID } from './config';
import type { BackupsEngine } from './engine';
import { freshVerifiedBackup } from './prune';
import type { BackupJobDoc, BackupsRepository } from './repository';
import { planRestore, type RestoreGate } from './restore-plan';
import type { TBackupJob, TBackupJobKind, TBackupListInput, TRestoreInput } from './schema';

/** Who asks, as the procedures know them. */
export type Requester = {
  userId: string;
  email: string;
  roles: readonly TRole[];
  tokenId: string | null;
  requestId: string;
  ip: string;
  productId: string;
};

/** The scheduler asks for the daily backup as nobody in particular. */
export const SCHEDULER: Requester = {
  userId: 'scheduler',
  email: 'scheduler',
  roles: [],
  tokenId: null,
  requestId: 'schedule',
  ip: '',
  productId: BACKUPS_PRODUCT_ID,
};

export const toJob = (doc: BackupJobDoc): TBackupJob => ({
  id: doc.id,
  kind: doc.kind,
  status: doc.status,
  trigger: doc.trigger,
  backupId: doc.backupId,
  containers: doc.containers,
  processed: doc.processed,
  estimatedTotal: doc.estimatedTotal,
  size: doc.size,
  manifest: doc.manifest,
  verification: doc.verification,
  container: doc.container,
  result: doc.result,
  prunedAt: doc.prunedAt,
  error: doc.error,
  createdBy: doc.createdBy,
  createdAt: doc.createdAt,
  startedAt: doc.startedAt,
  finishedAt: doc.finishedAt,
  durationMs: doc.startedAt && doc.finishedAt ? Date.parse(doc.finishedAt) - Date.parse(doc.startedAt) : null,
  updatedAt: doc.updatedAt,
});

/** `bak_20260601T120000_1a2b3c4d`: sorts by creation, unique across instances. */
const newId = (clock: Clock) =>
  `bak_${new Date(clock()).toISOString().replace(/[-:]/g, '').slice(0, 15)}${randomBytes(4).toString('hex')}`;

export type BackupsServiceDeps = {
  repo: BackupsRepository;
  store: DocumentStore;
  clock: Clock;
  bus: EventBus;
  engine: Pick<BackupsEngine, 'kick'>;
  gate: RestoreGate;
  migrationMaxAgeHours: number;
};

/**
 * Backups, verifications and restores as admins ask for them: each request writes its job (pending) with
 * `backup.requested` in one commit and returns at once; the worker (engine.ts) does the work.
 */
export const createBackupsService = (deps: BackupsServiceDeps) => {
  const { repo, clock, bus } = deps;

  const load = async (id: string): Promise<Stored<BackupJobDoc>> => {
    const doc = await repo.get(id);
    if (!doc) throw new AppError('NOT_FOUND', `Backup '${id}' not found`, { reason: 'backup_not_found' });
    return doc;
  };

  const loadBackup = async (id: string): Promise<Stored<BackupJobDoc>> => {
    const doc = await load(id);
    if (doc.kind !== 'backup') {
      throw new AppError('BAD_REQUEST', `'${id}' is a ${doc.kind} job, not a backup`, {
        fields: [{ path: 'id', message: 'Not a backup' }],
      });
    }
    if (doc.prunedAt) {
      throw new AppError('CONFLICT', `Backup '${id}' was pruned on ${doc.prunedAt}; its files are gone`, {
        reason: 'backup_pruned',
      });
    }
    if (doc.status !== 'completed' || !doc.manifest) {
      throw new AppError('CONFLICT', `Backup '${id}' is ${doc.status}; only a completed backup can be used`, {
        reason: 'backup_not_completed',
      });
    }
    return doc;
  };

  /** A restore must run alone: it empties containers that a backup would read and a verify does not touch. */
  const refuseWhileRestoring = async () => {
    const busy = await repo.unfinished(['restore']);
    if (busy.items.length > 0) {
      throw new AppError('CONFLICT', `Restore ${busy.items[0]?.id} is under way; wait for it to end`, {
        reason: 'restore_running',
      });
    }
  };

  const start = async (
    kind: TBackupJobKind,
    requester: Requester,
    fields: Partial<BackupJobDoc> & { trigger: BackupJobDoc['trigger'] },
  ): Promise<Stored<BackupJobDoc>> => {
    const now = isoNow(clock);
    const id = newId(clock);
    const doc: BackupJobDoc = {
      id,
      productId: BACKUPS_PRODUCT_ID,
      kind,
      status: 'pending',
      backupId: id,
      containers: [],
      processed: 0,
      estimatedTotal: null,
      size: 0,
      manifest: null,
      verification: null,
      container: null,
      result: null,
      prunedAt: null,
      error: null,
      attempt: 0,
      holder: null,
      leaseUntil: '',
      requestedBy: {
        email: requester.email,
        tokenId: requester.tokenId,
        requestId: requester.requestId,
        ip: requester.ip,
        productId: requester.productId,
      },
      createdBy: requester.userId,
      createdAt: now,
      startedAt: null,
      finishedAt: null,
      updatedAt: now,
      ...fields,
    };
    const created = await repo.create(
      doc,
      bus.stage(
        'backup.requested',
        { jobId: doc.id, kind, backupId: doc.backupId, trigger: doc.trigger },
        {
          productId: BACKUPS_PRODUCT_ID,
          actorId: requester.userId === SCHEDULER.userId ? null : requester.userId,
        },
      ),
    );
    deps.engine.kick();
    return created;
  };

  return {
    async create(requester: Requester, trigger: BackupJobDoc['trigger'] = 'manual'): Promise<TBackupJob> {
      await refuseWhileRestoring();
      return toJob(await start('backup', requester, { trigger }));
    },

    get: async (id: string) => toJob(await load(id)),

    async list(input: TBackupListInput) {
      const page = await repo.list(
        input.kind ? { kind: { eq: input.kind } } : {},
        input.limit ?? 25,
        input.cursor,
      );
      return { items: page.items.map(toJob), nextCursor: page.continuation };
    },

    /** Checks a backup's files against its manifest in the background; the outcome lands on the backup. */
    async verify(id: string, requester: Requester): Promise<TBackupJob> {
      const backup = await loadBackup(id);
      if (backup.verification?.state === 'verifying') {
        throw new AppError('CONFLICT', `Backup '${id}' is being verified now`, { reason: 'verify_running' });
      }
      await refuseWhileRestoring();
      // Marked first: the worker may finish the check before this request returns.
      const previous = backup.verification;
      await repo.mutate(backup.id, (current) => ({
        ...current,
        verification: {
          state: 'verifying',
          checkedAt: current.verification?.checkedAt ?? null,
          problems: [],
        },
      }));
      try {
        const job = await start('verify', requester, { trigger: 'manual', backupId: backup.id });
        return toJob(job);
      } catch (error) {
        await repo.mutate(backup.id, (current) => ({ ...current, verification: previous }));
        throw error;
      }
    },

    /** The dry run of a restore, and the restore itself when `dryRun` is false and nothing refuses it. */
    async restore(input: TRestoreInput, requester: Requester) {
      const backup = await loadBackup(input.id);
      const plan = await planRestore(
        { store: deps.store, repo, gate: deps.gate },
        backup,
        input.container ?? null,
      );
      if (input.dryRun) return { plan, job: null };
      if (plan.refusal) {
        throw new AppError('CONFLICT', plan.refusal.message, { reason: plan.refusal.reason });
      }
      const job = await start('restore', requester, {
        trigger: 'manual',
        backupId: backup.id,
        container: input.container ?? null,
      });
      return { plan, job: toJob(job) };
    },

    /** The precondition of an irreversible migration (migrations/config.ts): a fresh, verified backup. */
    backupCheck: (async () => {
      const backup = await freshVerifiedBackup(repo, clock, deps.migrationMaxAgeHours);
      if (backup) {
        return {
          ok: true,
          detail: `Backup ${backup.id} finished ${backup.finishedAt} and was verified ${backup.verification?.checkedAt}.`,
        };
      }
      return {
        ok: false,
        reason:
          `No verified backup finished in the last ${deps.migrationMaxAgeHours} hours. Back up now in ` +
          '/ops/backups (or POST /v1/backups), verify it (POST /v1/backups/{id}/verify), then approve again.',
      };
    }) satisfies BackupCheck,
  };
};

export type BackupsService = ReturnType<typeof createBackupsService>;
