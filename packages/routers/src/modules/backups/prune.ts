import type { BlobStore } from '@bytelyst/db/blob';
import type { Clock, Stored } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { DAY_MS, HOUR_MS } from '../../lib/time';
import { backupFolder } from './config';
import type { BackupJobDoc, BackupsRepository } from './repository';
import { deleteBackupFiles } from './run-backup';

/** Completed backups whose files are still there, newest first, read a page at a time. */
export async function* liveBackups(repo: BackupsRepository): AsyncGenerator<Stored<BackupJobDoc>> {
  let continuation: string | null = null;
  do {
    const page = await repo.list(
      { kind: { eq: 'backup' }, status: { eq: 'completed' }, prunedAt: { eq: null } },
      100,
      continuation,
    );
    yield* page.items;
    continuation = page.continuation;
  } while (continuation);
}

/**
 * The pruning policy: the newest `keepCount` completed backups always stay; beyond them, a backup older than
 * `keepDays` has its files deleted and its record marked pruned (kept for the history). Returns the pruned ids.
 */
export const pruneBackups = async (
  deps: { repo: BackupsRepository; blob: BlobStore; bus: EventBus; clock: Clock },
  policy: { keepCount: number; keepDays: number },
): Promise<string[]> => {
  const cutoff = new Date(deps.clock() - policy.keepDays * DAY_MS).toISOString();
  const pruned: string[] = [];
  let rank = 0;
  for await (const backup of liveBackups(deps.repo)) {
    rank += 1;
    if (rank <= policy.keepCount || backup.createdAt >= cutoff) continue;
    const files = await deleteBackupFiles(deps.blob, backupFolder(backup.id));
    const now = new Date(deps.clock()).toISOString();
    await deps.repo.mutate(
      backup.id,
      (current) => (current.prunedAt ? null : { ...current, prunedAt: now, updatedAt: now }),
      (next) =>
        deps.bus.stage(
          'backup.pruned',
          { backupId: next.id, files },
          { productId: next.productId, actorId: null },
        ),
    );
    pruned.push(backup.id);
  }
  return pruned;
};

/** The newest verified backup, if it finished within `maxAgeHours`. */
export const freshVerifiedBackup = async (
  repo: BackupsRepository,
  clock: Clock,
  maxAgeHours: number,
): Promise<Stored<BackupJobDoc> | undefined> => {
  const oldest = new Date(clock() - maxAgeHours * HOUR_MS).toISOString();
  for await (const backup of liveBackups(repo)) {
    if ((backup.finishedAt ?? '') < oldest) return undefined;
    if (backup.verification?.state === 'verified') return backup;
  }
  return undefined;
};
