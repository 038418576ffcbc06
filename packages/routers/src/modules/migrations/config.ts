import type { Migration } from '@bytelyst/db/migrations/definition';

/**
 * Says whether a backup has been taken that an irreversible migration may run after: `ok` with what it found
 * (which backup, when), or why not. The composition root provides it once a backup facility exists.
 */
export type BackupCheck = () => Promise<{ ok: true; detail: string } | { ok: false; reason: string }>;

export type MigrationsConfig = {
  /** Replaces the platform's list (tests of the runner's rules). */
  list?: readonly Migration[];
  /** Runs after the platform's list (the e2e server's fixtures). */
  extra?: readonly Migration[];
  /** The backup precondition of approving an irreversible migration; see `backupsExternal` for the default. */
  backupCheck?: BackupCheck;
  /**
   * With no `backupCheck`: true when backups are taken outside the platform (MIGRATIONS_BACKUPS_EXTERNAL), so
   * that the approving super_admin's word stands for one; false (the default) refuses approval.
   */
  backupsExternal?: boolean;
  leaseTtlMs?: number;
  waitPollMs?: number;
  waitTimeoutMs?: number;
};

export const NO_BACKUP_FACILITY =
  'No backup facility is configured, so no backup can be confirmed before an irreversible migration. Take a ' +
  'backup outside the platform and start the API with MIGRATIONS_BACKUPS_EXTERNAL=true, then approve again.';

export const EXTERNAL_BACKUPS =
  'Backups are taken outside the platform (MIGRATIONS_BACKUPS_EXTERNAL=true); the approving super_admin confirms one was taken.';

/** The check in force: the configured one, or the default that `backupsExternal` decides. */
export const backupPolicyOf = (config: MigrationsConfig | undefined) => {
  if (config?.backupCheck) {
    return {
      mode: 'check' as const,
      detail: 'A backup facility confirms the backup.',
      check: config.backupCheck,
    };
  }
  if (config?.backupsExternal) {
    const check: BackupCheck = async () => ({ ok: true, detail: EXTERNAL_BACKUPS });
    return { mode: 'external' as const, detail: EXTERNAL_BACKUPS, check };
  }
  const check: BackupCheck = async () => ({ ok: false, reason: NO_BACKUP_FACILITY });
  return { mode: 'none' as const, detail: NO_BACKUP_FACILITY, check };
};
