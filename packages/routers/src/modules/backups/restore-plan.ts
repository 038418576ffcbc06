import type { BaseDoc, DocumentStore, Stored } from '@bytelyst/db/document-store';
import { AppError } from '../../app-error';
import { KEPT_ON_RESTORE } from './config';
import type { BackupJobDoc, BackupsRepository } from './repository';
import { filesInScope } from './run-restore';
import type { TRestorePlan } from './schema';

/** Whether the platform is closed for a restore (maintenance mode), and if not, why. */
export type RestoreGate = () => Promise<
  { ok: true; message: string } | { ok: false; reason: string; message: string }
>;

const WARNINGS: Record<string, string> = {
  sessions: 'Sessions go back to the backup: whoever signed in after it signs in again.',
  events:
    'Events go back to the backup: those not yet delivered then are delivered again (subscribers are idempotent on the event id).',
  audit_log: 'The audit log goes back to the backup; the restore itself is audited once it ends.',
};

/**
 * What a restore of `backup` (one container, or all when null) would do, container by container: the
 * documents it writes, those there now that it removes, those it keeps; and why a real restore would be
 * refused now, checked in order (verification, other jobs, maintenance mode).
 */
export const planRestore = async (
  deps: { store: DocumentStore; repo: BackupsRepository; gate: RestoreGate },
  backup: Stored<BackupJobDoc>,
  container: string | null,
): Promise<TRestorePlan> => {
  const manifest = backup.manifest;
  if (!manifest)
    throw new AppError('CONFLICT', 'The backup has no manifest', { reason: 'backup_not_completed' });
  if (container !== null && !manifest.containers.some((file) => file.container === container)) {
    throw new AppError('BAD_REQUEST', `Backup ${backup.id} holds no container '${container}'`, {
      fields: [{ path: 'container', message: 'Not a container of this backup' }],
    });
  }
  const declared = new Set(deps.store.declared().map((def) => def.name));
  const files = filesInScope(manifest, container);
  const unknown = files.filter((file) => !declared.has(file.container)).map((file) => file.container);
  const entries = [];
  for (const file of files.filter((candidate) => declared.has(candidate.container))) {
    const target = deps.store.container<BaseDoc>(file.container);
    const ids = KEPT_ON_RESTORE.find((entry) => entry.container === file.container)?.ids ?? [];
    const kept = ids.length > 0 ? await target.count({ where: { id: { in: [...ids] } } }) : 0;
    entries.push({
      container: file.container,
      backupDocuments: file.documents,
      currentDocuments: await target.count(),
      kept,
    });
  }
  const warnings = entries.map((entry) => WARNINGS[entry.container]).filter((text) => text !== undefined);
  if (unknown.length > 0)
    warnings.push(`Not declared by this platform, so not restored: ${unknown.join(', ')}.`);

  let refusal: TRestorePlan['refusal'] = null;
  const verification = backup.verification?.state ?? 'unverified';
  if (verification !== 'verified') {
    refusal = {
      reason: 'backup_not_verified',
      message: `Backup ${backup.id} is ${verification}: verify it (POST /v1/backups/${backup.id}/verify) before restoring it`,
    };
  }
  if (!refusal) {
    const busy = await deps.repo.unfinished(['backup', 'verify', 'restore']);
    const other = busy.items[0];
    if (other) {
      refusal = {
        reason: 'backup_busy',
        message: `The ${other.kind} ${other.id} is under way; a restore runs alone`,
      };
    }
  }
  if (!refusal) {
    const gate = await deps.gate();
    if (!gate.ok) refusal = { reason: gate.reason, message: gate.message };
  }
  return {
    backupId: backup.id,
    scope: container === null ? 'all' : 'container',
    containers: entries,
    totals: {
      write: entries.reduce((sum, entry) => sum + entry.backupDocuments, 0),
      remove: entries.reduce((sum, entry) => sum + entry.currentDocuments - entry.kept, 0),
    },
    refusal,
    warnings,
  };
};
